// Demo mode: one scenario stepped through by the trainer (Next/Back with narration), and the reset to the demo snapshot.
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../app-deps.js';
import { invalid, jsonBody, notFound } from '../fhir/index.js';
import { createSandboxClient, createScenarioSession, listScenarios, type ScenarioSession } from '../scenarios/index.js';

/** The snapshot the Reset button restores; taken before the first demo step if it does not exist. */
export const DEMO_SNAPSHOT = 'demo';

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
  const sandbox = () => createSandboxClient(deps.config.baseUrl);
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
      session = createScenarioSession(scenario, { sandbox: sandbox(), partner: 'demo', driverUrl: `${deps.config.baseUrl}/pos/receiver/driver` });
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
  return router;
}
