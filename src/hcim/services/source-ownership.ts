// A source system's identifiers are its own: a partner may read any source's SRI, never file one under another's.
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import { SRI_SYSTEM_PATTERN } from '../identifiers.js';
import type { Caller, HcimContext } from './context.js';

/**
 * The registry keeps one source record per source system and SRI, and every connected system files under
 * its own source code. So a write carrying an SRI that another partner filed, or an SRI in a
 * `ca-bc-<org>-<src>-source-patient-id` system another partner files under, is refused: otherwise one
 * partner could re-point or shadow another's records. Reads are not limited (GetDemographics by any
 * source's SRI, and every linked source's SRI in answers), as the HCIM FHIR IG's examples show.
 */
export function assertOwnSource(ctx: HcimContext, caller: Caller, sri: fhir.Identifier): void {
  const system = sri.system ?? '';
  const held = ctx.registry.sourceByIdentifier(system, sri.value ?? '');
  const others = SRI_SYSTEM_PATTERN.test(system) ? ctx.registry.sourcePartners(system).filter((p) => p !== caller.partner) : [];
  if ((held && held.partner !== caller.partner) || others.length > 0) {
    throw new HcimError(HCIM_CODES.rpInvalid, `The source record identifier system ${system} belongs to another source system; file records under your own source's system (https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-<org>-<src>-source-patient-id).`, 422);
  }
}
