// The scenario library on an in-process sandbox listening on port 0, with the reference POS as the partner's system.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { WrongBehaviour } from '../../../src/pos/receiver/index.js';
import { listScenarios, type RunReport, type Scenario, type ScenarioTarget } from '../../../src/scenarios/index.js';
import { DEFAULT_SYSTEMS } from '../../../src/systems.js';
import { startListeningSandbox, type ListeningSandbox } from './listening-sandbox.js';

export interface LibraryRun {
  library(): Scenario[];
  /** The demo partner, driving the reference POS of this sandbox. */
  target(): ScenarioTarget;
  /** Makes the reference POS deliberately wrong (reset to right after each test). */
  setWrong(behaviours: WrongBehaviour[]): Promise<void>;
}

/** Registers the hooks: one sandbox and the library for the file, the reference POS put right after each test. */
export function useLibraryRun(): LibraryRun {
  let sb: ListeningSandbox;
  let library: Scenario[];
  const setWrong = async (behaviours: WrongBehaviour[]) => {
    const res = await fetch(`${sb.url}/pos/receiver/wrong`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ behaviours }) });
    expect(res.status).toBe(200);
  };
  beforeAll(async () => {
    sb = await startListeningSandbox(DEFAULT_SYSTEMS);
    library = await listScenarios('scenarios');
  });
  afterAll(async () => sb.close());
  afterEach(async () => setWrong([]));
  return { library: () => library, target: () => sb.target('demo', `${sb.url}/pos`), setWrong };
}

export const failedIds = (report: RunReport) => report.results.filter((r) => r.status !== 'passed').map((r) => r.id).sort();

type JUnitCase = { '@_name': string; '@_classname': string; '@_time': string; failure?: { '@_message': string; '#text': string } };
type JUnitSuite = { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; testcase: JUnitCase[] };
export function parseJUnit(xml: string): { '@_tests': string; '@_failures': string; testsuite: JUnitSuite[] } {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as { testsuites: ReturnType<typeof parseJUnit> };
  return doc.testsuites;
}
