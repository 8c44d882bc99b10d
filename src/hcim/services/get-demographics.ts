// GetDemographics: a deterministic get by PHN or by source record identifier, following merges.
import type * as fhir from '../../fhir/types.js';
import { HCIM_CODES, type HcimCode } from '../codes.js';
import { HcimError } from '../hcim-error.js';
import type { Person } from '../registry/person.js';
import type { HcimContext } from './context.js';
import { assertPhn, isPhnSystem, isSriSystem } from './phn-rules.js';

export interface GetDemographicsResult {
  code: HcimCode;
  /** For reading only (shared with the registry). */
  person?: Readonly<Person>;
  /** The PHN asked for, when it was a merged non-survivor. */
  mergedFrom?: string;
}

/**
 * Looks a client up by the identifier given. Codes: GD.0.0013 found, GD.0.0015 merged (survivor
 * returned), GD.2.0018 unknown. See: https://github.com/bcgov/moh-hnweb (GetDemographics samples).
 */
export function getDemographics(ctx: HcimContext, identifier: fhir.Identifier | undefined): GetDemographicsResult {
  const invalid = HCIM_CODES.gdInvalid;
  if (!identifier) throw new HcimError(invalid, 'GetDemographics needs the Patient identifier to look up: a PHN or a source record identifier (SRI).');
  const value = identifier.value ?? '';
  if (value.trim() === '') throw new HcimError(invalid, 'The identifier value is empty.', 400, HCIM_CODES.schEmptyId);
  let person: Readonly<Person> | undefined;
  if (isPhnSystem(identifier.system)) {
    person = ctx.registry.view(assertPhn(value, invalid));
  } else if (isSriSystem(identifier.system)) {
    const source = ctx.registry.sourceByIdentifier(identifier.system!, value);
    person = source ? ctx.registry.view(source.phn) : undefined;
  } else {
    throw new HcimError(invalid, `Unknown identifier system "${identifier.system ?? ''}": use the PHN system or a source-patient-id naming system.`);
  }
  if (!person) return { code: HCIM_CODES.gdNotFound };
  if (person.status === 'merged') {
    const survivor = ctx.registry.survivorOf(person);
    return { code: HCIM_CODES.gdMerged, person: survivor, mergedFrom: person.phn };
  }
  return { code: HCIM_CODES.gdSuccess, person };
}
