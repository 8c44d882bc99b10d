// Demo mode: one scenario stepped through by the trainer (Next/Back with narration), and the reset to the demo snapshot.
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../app-deps.js';
import { invalid, jsonBody, notFound } from '../fhir/index.js';
import type { JournalEntry } from '../journal/index.js';
import { createSandboxClient, createScenarioSession, listScenarios, NothingToRecordError, recordSession, referenceDriverUrl, type ScenarioSession } from '../scenarios/index.js';

/** Real time a Demo Day step waits, once its simulated window is over, for the reference POS to act. */
const DEMO_PATIENCE_MS = 3_000;

/** The snapshot the Reset button restores; taken before the first demo step if it does not exist. */
export const DEMO_SNAPSHOT = 'demo';
/** The one snapshot the current demo session keeps for Back (taken before its first step). */
export const DEMO_SESSION_SNAPSHOT = 'demo-session';

/** The scenario library (repo-root scenarios/, beside src/ and dist/). */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export interface DemoRoutesOptions {
  scenarioDir?: string;
}

/** `/ui/api/demo/*`: the stepper runs against this sandbox over HTTP, as the CLI runner does. */
export function createDemoRoutes(deps: AppDeps, options: DemoRoutesOptions = {}): express.Router {
  const router = express.Router();
  const dir = options.scenarioDir ?? SCENARIO_DIR;
  let session: ScenarioSession | undefined;
  let busy = false;
  const sandbox = () => createSandboxClient(deps.config.baseUrl, fetch, () => deps.admin?.headers() ?? {});
  router.use(jsonBody({ limitBytes: '64kb', type: 'application/json' }));

  const view = () => (session ? { active: true, ...session.state(), steps: session.scenario.steps.map((s) => ({ index: s.index, kind: s.step.kind, title: s.title ?? s.step.kind })) } : { active: false });
  const exclusive = async (fn: () => Promise<unknown>) => {
    if (busy) throw invalid('a demo step is still running; wait for it to finish');
    busy = true;
    try {
      await fn();
    } finally {
      busy = false;
    }
  };
  const hasSnapshot = () => deps.store.snapshots().some((s) => s.name === DEMO_SNAPSHOT);

  router.get('/scenarios', async (_req, res) => {
    const all = await listScenarios(dir).catch(() => []);
    res.json(all.map((s) => ({ id: s.id, title: s.title, role: s.role, steps: s.steps.length, useCases: s.useCases })));
  });
  router.get('/session', (_req, res) => void res.json(view()));
  router.post('/session', async (req, res) => {
    const id = (req.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || !id) throw invalid('send {"id": "<scenario id>"}; GET /ui/api/demo/scenarios lists them');
    const scenario = (await listScenarios(dir)).find((s) => s.id === id);
    if (!scenario) throw notFound(`no scenario with id "${id}" in ${dir}`);
    await exclusive(async () => {
      await session?.close();
      if (!hasSnapshot()) await sandbox().admin('POST', '/snapshots', { name: DEMO_SNAPSHOT });
      // One snapshot per demo session (replaced by the next session), not one per step: Back replays from it.
      // The reference POS acts on the simulated clock, and its calls to Ocean land a moment after the tick: a step
      // gives them a few seconds of real time before it shows the room a failure (a passing step never waits).
      const target = { sandbox: sandbox(), partner: 'demo', driverUrl: referenceDriverUrl(deps.config.baseUrl), patienceMs: DEMO_PATIENCE_MS };
      session = createScenarioSession(scenario, target, { snapshots: 'replay', snapshotName: DEMO_SESSION_SNAPSHOT });
    });
    res.status(201).json(view());
  });
  router.post('/session/next', async (_req, res) => {
    if (!session) throw invalid('pick a scenario first (POST /ui/api/demo/session)');
    await exclusive(() => session!.next());
    res.json(view());
  });
  router.post('/session/back', async (_req, res) => {
    if (!session) throw invalid('pick a scenario first (POST /ui/api/demo/session)');
    await exclusive(() => session!.back());
    res.json(view());
  });
  router.post('/reset', async (_req, res) => {
    await exclusive(async () => {
      await session?.close();
      session = undefined;
      // Through the admin API, so delivery timers and systems resume as after any restore.
      if (hasSnapshot()) await sandbox().admin('POST', `/snapshots/${DEMO_SNAPSHOT}/restore`);
      else await sandbox().admin('POST', '/reset');
    });
    res.json(view());
  });
  // "Save as scenario" over a selection of the timeline: the partner's exchanges among them, as a scenario file.
  router.post('/record', (req, res) => {
    const b = (req.body ?? {}) as { partner?: unknown; ids?: unknown; id?: unknown };
    if (typeof b.partner !== 'string' || !deps.partners.get(b.partner)) throw invalid(`"partner" must be one of ${deps.partners.list().map((p) => p.name).join(', ')}`);
    if (!Array.isArray(b.ids) || !b.ids.length || b.ids.length > deps.journal.capacity || !b.ids.every((x) => typeof x === 'string')) throw invalid('"ids" must list the selected journal entry ids');
    const id = b.id === undefined || b.id === '' ? 'recorded-session' : b.id;
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{2,80}$/.test(id)) throw invalid('"id" must be lower-case letters, digits and dashes (3-81 characters)');
    const entries = (b.ids as string[]).map((x) => deps.journal.get(x)).filter((e): e is JournalEntry => e !== undefined);
    try {
      const r = recordSession(entries, { partner: b.partner, sandbox: deps.config.baseUrl, id, source: `${entries.length} exchange(s) selected on the dashboard's timeline of ${deps.config.baseUrl}` });
      res.json({ id, yaml: r.yaml, steps: r.scenario.steps.length, entries: r.entries, warnings: r.warnings });
    } catch (err) {
      if (err instanceof NothingToRecordError) throw invalid(err.message);
      throw err;
    }
  });
  return router;
}
