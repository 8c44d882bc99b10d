// Patient search in the EMR: _id, identifier (PHN, MRN, Ocean's `v2-0203|JHN:` form), name/family/given, birthdate.
import type { AppDeps } from '../../app-deps.js';
import { invalid } from '../../fhir/index.js';
import { indexOfPatientId } from './patient-view.js';

const KNOWN = new Set(['_id', 'identifier', 'name', 'family', 'given', 'birthdate', '_count', '_format', '_pretty']);
const MAX = 100;

/**
 * Population indexes of the matching patients, at most `_count` (default 50, max 100). `within`, when given,
 * is the only patient that may match (a patient-level token's compartment); null means none may.
 */
export function searchPatients(deps: AppDeps, query: Record<string, string | string[] | undefined>, within?: number | null): number[] {
  const found = matchPatients(deps, query, within);
  return within === undefined ? found : found.filter((i) => i === within);
}

function matchPatients(deps: AppDeps, query: Record<string, string | string[] | undefined>, within: number | null | undefined): number[] {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!KNOWN.has(k)) throw invalid(`search parameter "${k}" is not supported on Patient here (supported: ${[...KNOWN].filter((x) => !x.startsWith('_f') && !x.startsWith('_p')).join(', ')})`);
    if (typeof v === 'string') q[k] = v;
    else if (Array.isArray(v)) q[k] = v[v.length - 1]!;
  }
  const count = q._count ? Number(q._count) : 50;
  if (!Number.isInteger(count) || count < 0) throw invalid(`_count must be a whole number, not "${q._count}"`);
  const limit = Math.min(count, MAX);
  if (q._id) {
    const i = indexOfPatientId(q._id, deps.population);
    return i === undefined ? [] : [i];
  }
  if (q.identifier) {
    const value = identifierValue(q.identifier);
    const mrn = /^MRN(\d+)$/.exec(value);
    if (mrn) return Number(mrn[1]) < deps.population.options.sizes.patients ? [Number(mrn[1])] : [];
    const c = deps.population.clientByPhn(value);
    return c ? [c.index] : [];
  }
  const needles = (['name', 'family', 'given'] as const).filter((k) => q[k]).map((k) => [k, q[k]!.toLowerCase()] as const);
  const out: number[] = [];
  const candidates = within === undefined ? deps.population.clients() : within === null ? [] : [deps.population.client(within)];
  for (const c of candidates) {
    if (out.length >= limit) break;
    if (q.birthdate && c.patient.birthDate !== q.birthdate) continue;
    const names = c.patient.name ?? [];
    const ok = needles.every(([k, n]) =>
      names.some((nm) => {
        const family = (nm.family ?? '').toLowerCase();
        const given = (nm.given ?? []).map((g) => g.toLowerCase());
        if (k === 'family') return family.startsWith(n);
        if (k === 'given') return given.some((g) => g.startsWith(n));
        return family.startsWith(n) || given.some((g) => g.startsWith(n)) || (nm.text ?? '').toLowerCase().includes(n);
      }),
    );
    if (ok) out.push(c.index);
  }
  return out;
}

/** `system|value`, `value`, or Ocean Cloud Connect's `http://hl7.org/fhir/v2/0203|JHN:{hn}`. */
function identifierValue(param: string): string {
  const value = param.includes('|') ? param.slice(param.indexOf('|') + 1) : param;
  return value.replace(/^JHN:/, '').replace(/\s/g, '');
}
