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
 * Waits (off the event loop) for a big population's match index when a search or an add arrives while it is
 * still being built; past the engine's wait bound, throws x.2.0004 (503, retryable), the real "EMPI is
 * unavailable", instead of holding the request longer. The request is refused before its message id is claimed,
 * so the same message can be retried. Resolves at once (no wait) when the index is ready or not needed.
 */
export async function awaitMatchIndex(engine: MatchingEngine, txn: HcimTransaction): Promise<void> {
  if ((txn !== 'FC' && txn !== 'RP') || engine.available() || (await engine.whenReady())) return;
  const { indexed, total } = engine.status();
  throw new HcimError(unavailableCodeOf(txn), `The candidate index is still being built (${indexed.toLocaleString('en-CA')} of ${total.toLocaleString('en-CA')} records); retry the same request shortly.`, 503);
}
