// Helpers of the registry's build and counts: the population's own counts, the highest number among ids.
import type { Population } from '../../population/types.js';

/** The counts of the population alone, when it can tell them without rendering every practitioner. */
export function countsOf(population: Population): Record<string, number> | undefined {
  const plr = population.plrCounts?.();
  if (!plr) return undefined;
  return { practitioners: plr.practitioners, organizations: plr.organizations, locations: plr.locations, relationships: plr.relationships, maintained: 0 };
}

/** The number in an id such as IPC.00012345.BC.PRS, or 0. */
export function numberIn(id: string): number {
  const m = /^[A-Z]+\.(\d+)/.exec(id);
  return m ? Number(m[1]) : 0;
}

export function maxNumber(ids: Iterable<string>): number {
  let max = 0;
  for (const id of ids) max = Math.max(max, numberIn(id));
  return max;
}
