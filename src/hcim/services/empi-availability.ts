// The EMPI behind the registry as a fault seam: when armed, operations answer BCHCIM.<TXN>.2.0004 in their dialect.
import type { Faults } from '../../faults/index.js';
import { unavailableCodeOf, type HcimTransaction } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { MatchingEngine } from '../matching/engine.js';

export const EMPI_SEAM = { seam: 'hcim.empi', description: 'HCIM EMPI unavailable: operations answer BCHCIM.<GD|FC|RP>.2.0004: a FHIR outcome with the armed status (default 503), an HL7v3 AE ack over HTTP 200' };

/**
 * Throws "The EMPI is unavailable" (x.2.0004, a retryable error) when the seam fires. A `status` effect
 * sets the FHIR surface's HTTP status (any other effect: 503); HL7v3 always answers the AE ack over HTTP 200.
 */
export function assertEmpiAvailable(faults: Faults, txn: HcimTransaction, partner: string): void {
  const effect = faults.check(EMPI_SEAM.seam, { partner });
  if (!effect) return;
  const status = effect.kind === 'status' ? effect.status : 503;
  throw new HcimError(unavailableCodeOf(txn), 'The EMPI behind the Client Registry is unavailable (simulated fault hcim.empi); retry the same request later.', status);
}

/**
 * Throws x.2.0004 (503, retryable) for a search or an add while a big population's match index is
 * still being built in the background, instead of stalling the process until it is: the request is
 * refused before its message id is claimed, so the same message can be retried.
 */
export function assertMatchIndexReady(engine: MatchingEngine, txn: HcimTransaction): void {
  if ((txn !== 'FC' && txn !== 'RP') || engine.available()) return;
  const { indexed, total } = engine.status();
  throw new HcimError(unavailableCodeOf(txn), `The candidate index is still being built (${indexed.toLocaleString('en-CA')} of ${total.toLocaleString('en-CA')} records); retry the same request shortly.`, 503);
}
