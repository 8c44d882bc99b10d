// Who may read what on the EMR's FHIR server: a valid SMART access token whose scopes cover the request.
import type { Clock } from '../../clock/index.js';
import { forbidden, unauthorized, type FhirRequest, type RouteDef } from '../../fhir/index.js';
import { createAccessTokenCheck } from './access.js';
import type { EmrKeys } from './keys.js';
import { allowsRead } from './scopes.js';

const OPEN = new Set(['emr.metadata']);

/**
 * Patient-level scopes (`patient/...`) reach only the launch patient; user-level scopes reach any.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html
 */
export function createEmrGuard(keys: () => Promise<EmrKeys>, fhirBase: () => string, clock: Clock, enabled = true) {
  const verifyAccessToken = createAccessTokenCheck();
  return async (req: FhirRequest, route: RouteDef): Promise<void> => {
    // `--no-auth` covers the EMR's reads too (an EHR simulator proxying to it sends no token); nothing is then limited.
    if (!enabled || OPEN.has(route.name)) return;
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
    const challenge = `Bearer realm="${fhirBase()}", error="invalid_token"`;
    if (!m) throw unauthorized('no access token: launch the app from the EMR and send "Authorization: Bearer <access_token>"', challenge);
    const check = await verifyAccessToken(m[1]!, await keys(), fhirBase(), clock);
    if (!check.ok) throw unauthorized(check.reason, challenge);
    const scopes = check.claims.scope.split(' ');
    req.claims = check.claims as unknown as Record<string, unknown>;
    const type = route.name === 'emr.practitioner-read' ? 'Practitioner' : route.name.startsWith('emr.encounter') ? 'Encounter' : 'Patient';
    if (type === 'Encounter') {
      // Answered within the token's patient compartment by the handlers (see patientCompartment).
      if (!allowsRead(scopes, 'Encounter', 'patient')) throw forbidden('the token\'s scopes do not allow reading Encounter (ask for patient/Encounter.read or user/*.read)');
      return;
    }
    if (type === 'Practitioner') {
      if (!allowsRead(scopes, 'Practitioner', 'user') && !allowsRead(scopes, 'Practitioner', 'patient')) throw forbidden('the token\'s scopes do not allow reading Practitioner (ask for user/Practitioner.read)');
      return;
    }
    if (userLevelPatientRead(scopes)) return;
    if (!allowsRead(scopes, 'Patient', 'patient')) throw forbidden('the token\'s scopes do not allow reading Patient (ask for patient/Patient.read or user/*.read)');
    // A search is answered within the token's patient compartment (see patientCompartment), never refused.
    if (route.name === 'emr.patient-search') return;
    if (req.params.id !== check.claims.patient) throw forbidden(`this token is for Patient/${check.claims.patient ?? '(none)'}, not Patient/${req.params.id}`);
  };
}

const userLevelPatientRead = (scopes: readonly string[]) => allowsRead(scopes, 'Patient', 'user') && scopes.some((s) => s.startsWith('user/'));

/**
 * The one patient a patient-level token may see (its launch patient), or undefined when the request is not
 * limited (a user-level token, or no token checked at all). A search with such a token gets at most that patient.
 */
export function patientCompartment(claims: Record<string, unknown> | undefined): string | undefined {
  if (!claims || typeof claims.scope !== 'string') return undefined;
  if (userLevelPatientRead(claims.scope.split(' '))) return undefined;
  return typeof claims.patient === 'string' ? claims.patient : '';
}
