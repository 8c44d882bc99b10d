// One population provider by IPC without rendering them all (a population of 100k practitioners renders one).
import type { PlrProvider, Population } from './types.js';

/** The provider, rendered on demand where the population can; a test double's list is searched. */
export function providerByIpc(population: Population, ipc: string): PlrProvider | undefined {
  return population.provider ? population.provider(ipc) : population.providers().find((p) => p.ipc === ipc);
}
