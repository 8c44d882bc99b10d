// Which attributes are current: PLR ends attributes (period.end + end reason) instead of deleting them.
import type * as fhir from '../../fhir/types.js';
import { EXT } from '../vocabulary.js';

interface Periodic {
  period?: fhir.Period;
  extension?: fhir.Extension[];
}

/** The validity period of an element: its own `period`, or a bc-period-extension. */
export function periodOf(element: Periodic): fhir.Period | undefined {
  return element.period ?? element.extension?.find((e) => e.url === EXT.period)?.valuePeriod;
}

/** True while the element has not ended at `now` (epoch ms). */
export function isCurrent(element: Periodic, now: number): boolean {
  const end = periodOf(element)?.end;
  if (!end) return true;
  // A date-only end takes effect at the start of that day, so ending "today" is visible at once.
  const at = Date.parse(end.length === 10 ? `${end}T00:00:00Z` : end);
  return Number.isNaN(at) || at > now;
}

/** The elements current at `now`, or all of them when history is wanted. */
export function inForce<T extends Periodic>(elements: readonly T[] | undefined, now: number, withHistory = false): T[] {
  if (!elements) return [];
  return withHistory ? [...elements] : elements.filter((e) => isCurrent(e, now));
}

const LIST_ELEMENTS = ['identifier', 'name', 'telecom', 'address', 'qualification', 'communication', 'specialty', 'alias'] as const;

/**
 * A view showing only current data, as queries return it (PLR returns current data unless withHistory): a new
 * top-level object with the ended list elements filtered out; the elements themselves are the registry's own,
 * shared, not cloned (a response is serialized, never changed; stored records are replaced, never mutated).
 */
export function currentView<T extends fhir.Resource>(resource: T, now: number): T {
  const copy = { ...resource };
  const fields = copy as unknown as Record<string, unknown>;
  for (const key of LIST_ELEMENTS) {
    const list = fields[key];
    if (Array.isArray(list) && list.length && typeof list[0] === 'object') fields[key] = list.filter((e: Periodic) => isCurrent(e, now));
  }
  const ext = (copy as { extension?: fhir.Extension[] }).extension;
  if (ext) (copy as { extension?: fhir.Extension[] }).extension = ext.filter((e) => e.url === EXT.period || isCurrent(nestedPeriodic(e), now));
  return copy;
}

/** Complex extensions (licence status, notes) carry their validity in a nested bc-period-extension or `period` part. */
function nestedPeriodic(e: fhir.Extension): Periodic {
  const period = e.extension?.find((x) => x.url === EXT.period || x.url === 'period')?.valuePeriod;
  return { period };
}
