// Patient search in the EMR: _id, identifier (PHN, MRN, Ocean's `v2-0203|JHN:` form), name/family/given, birthdate.
import type { AppDeps } from '../../app-deps.js';
import { invalid } from '../../fhir/index.js';
import { indexOfPatientId } from './patient-view.js';

const KNOWN = new Set(['_id', 'identifier', 'name', 'family', 'given', 'birthdate', '_count', '_format', '_pretty']);
const MAX = 100;

export interface ScanBounds {
  /**
   * Most patients a search by name or birth date looks through. Each is generated on demand (~25 µs), so at a
   * million patients a search that matched nobody took ~25 s of CPU; an identifier finds anyone at once.
   */
  scanLimit: number;
  /** Milliseconds of scanning per turn of the event loop, so that a long scan never stalls other requests. */
  sliceMs: number;
}

export const SCAN_BOUNDS: ScanBounds = { scanLimit: 100_000, sliceMs: 8 };

export interface PatientSearchResult {
  /** Population indexes of the matching patients, at most `_count`. */
  found: number[];
  /** Set when the scan stopped at its bound before looking at every patient: how many it looked at. */
  scanned?: number;
}

/**
 * The matching patients, at most `_count` (default 50, max 100). `within`, when given, is the only patient that may
 * match (a patient-level token's compartment); null means none may.
 */
export async function searchPatients(deps: AppDeps, query: Record<string, string | string[] | undefined>, within?: number | null, bounds: ScanBounds = SCAN_BOUNDS): Promise<PatientSearchResult> {
  const result = await matchPatients(deps, query, within, bounds);
  return within === undefined ? result : { ...result, found: result.found.filter((i) => i === within) };
}

/** What a search that stopped at its bound says: how far it looked, and how to find anyone. */
export function scanNote(scanned: number, total: number): string {
  return `searched the first ${scanned.toLocaleString('en-CA')} of ${total.toLocaleString('en-CA')} patients by name and birth date; search by identifier (PHN or MRN) to find any patient`;
}

async function matchPatients(deps: AppDeps, query: Record<string, string | string[] | undefined>, within: number | null | undefined, bounds: ScanBounds): Promise<PatientSearchResult> {
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
    return { found: i === undefined ? [] : [i] };
  }
  if (q.identifier) {
    const value = identifierValue(q.identifier);
    const mrn = /^MRN(\d+)$/.exec(value);
    if (mrn) return { found: Number(mrn[1]) < deps.population.options.sizes.patients ? [Number(mrn[1])] : [] };
    const c = deps.population.clientByPhn(value);
    return { found: c ? [c.index] : [] };
  }
  const needles = (['name', 'family', 'given'] as const).filter((k) => q[k]).map((k) => [k, q[k]!.toLowerCase()] as const);
  const out: number[] = [];
  const candidates = within === undefined ? deps.population.clients() : within === null ? [] : [deps.population.client(within)];
  let scanned = 0;
  let until = performance.now() + bounds.sliceMs;
  for (const c of candidates) {
    if (out.length >= limit) break;
    if (scanned === bounds.scanLimit) return { found: out, scanned };
    scanned += 1;
    if (performance.now() >= until) {
      await new Promise((resolve) => setImmediate(resolve));
      until = performance.now() + bounds.sliceMs;
    }
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
  return { found: out };
}

/** `system|value`, `value`, or Ocean Cloud Connect's `http://hl7.org/fhir/v2/0203|JHN:{hn}`. */
function identifierValue(param: string): string {
  const value = param.includes('|') ? param.slice(param.indexOf('|') + 1) : param;
  return value.replace(/^JHN:/, '').replace(/\s/g, '');
}
