// SMART scopes: which requested scopes the EMR grants, and whether a token's scopes allow a FHIR read.
const WORDS = new Set(['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'online_access', 'offline_access']);
const RESOURCE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+|\$everything)\.(read|write|\*|c?r?u?d?s?)$/;

/** Keeps the scopes the EMR knows (v1 and v2 syntax); drops the rest, as SMART lets a server do. */
export function grantScopes(requested: string): string[] {
  return [...new Set(requested.split(/\s+/).filter((s) => WORDS.has(s) || (RESOURCE.test(s) && !s.startsWith('system/'))))];
}

/**
 * True when a scope lets the holder read (or search) `type`.
 * See: https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html
 */
export function allowsRead(scopes: readonly string[], type: string, level: 'patient' | 'user'): boolean {
  return scopes.some((s) => {
    const m = RESOURCE.exec(s);
    if (!m || (m[1] !== level && !(level === 'patient' && m[1] === 'user'))) return false;
    if (m[2] !== '*' && m[2] !== type && !(m[2] === '$everything' && type === 'Patient')) return false;
    return m[3] === 'read' || m[3] === '*' || m[3]!.includes('r') || m[3]!.includes('s');
  });
}
