// The EMPI behind the registry as a fault seam: when armed, operations answer BCHCIM.<TXN>.2.0004 in their dialect.
import type { Faults } from '../../faults/index.js';
import { unavailableCodeOf, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';

export const EMPI_SEAM = { seam: 'hcim.empi', description: 'HCIM EMPI unavailable: operations answer BCHCIM.<GD|FC|RP>.2.0004 (FHIR outcome or HL7v3 ack) with the armed status (default 503)' };

/**
 * Throws "The EMPI is unavailable" (x.2.0004, a retryable error; docs/hcim.md#response-codes) when the seam fires.
 * A `status` effect sets the HTTP status; any other effect answers 503.
 */
export function assertEmpiAvailable(faults: Faults, txn: HcimTransaction, partner: string): void {
  const effect = faults.check(EMPI_SEAM.seam, { partner });
  if (!effect) return;
  const status = effect.kind === 'status' ? effect.status : 503;
  throw new HcimError(unavailableCodeOf(txn), 'The EMPI behind the Client Registry is unavailable (simulated fault hcim.empi); retry the same request later.', status);
}
