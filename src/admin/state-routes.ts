// Admin: health, clock, snapshots and reset.
import express from 'express';
import { ClockResetError, formatDuration, keepAnchor, parseDuration } from '../clock/index.js';
import { conflict, invalid, notFound } from '../fhir/index.js';
import type { Sandbox } from '../app.js';

const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function createStateRoutes(sandbox: Sandbox): express.Router {
  const { deps } = sandbox;
  const { clock, store } = deps;
  const router = express.Router();
  const clockView = () => ({ mode: clock.mode.kind, factor: clock.mode.kind === 'accelerated' ? clock.mode.factor : undefined, now: clock.iso(), pendingTimers: clock.pending() });

  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: deps.version,
      seed: deps.config.seed,
      uptimeSeconds: Math.round(process.uptime()),
      clock: clockView(),
      auth: deps.config.auth ? 'on' : 'off',
      counts: sandbox.counts(),
    });
  });

  router.get('/clock', (_req, res) => res.json(clockView()));
  /**
   * The clock refuses an instant it cannot stamp (RangeError, before it moves): a 400 naming what was asked. A reset
   * that cut an advance short: a 409 saying where the clock stands.
   */
  const outOfRange = (asked: string) => (err: unknown) => {
    if (err instanceof ClockResetError) throw conflict(`${asked}: ${err.message} (${clock.iso()})`);
    throw err instanceof RangeError ? invalid(`${asked}: ${err.message}`) : err;
  };
  router.post(
    '/clock/advance',
    async (req, res) => {
      const text = (req.body as { duration?: unknown } | undefined)?.duration;
      const ms = typeof text === 'string' ? parseDuration(text) : undefined;
      if (ms === undefined) throw invalid('send {"duration": "<ISO 8601 duration>"}, e.g. {"duration": "PT96H"}');
      await clock.advance(ms).catch(outOfRange(`${text} from ${clock.iso()}`));
      keepAnchor(store, clock);
      await deps.delivery.idle();
      res.json({ ...clockView(), advancedBy: formatDuration(ms) });
    },
  );
  router.post(
    '/clock/set',
    async (req, res) => {
      const text = (req.body as { time?: unknown } | undefined)?.time;
      // "now" is the wall clock: back to real time after a scenario or a demo moved the clock.
      const at = text === 'now' ? Date.now() : typeof text === 'string' ? Date.parse(text) : NaN;
      if (Number.isNaN(at)) throw invalid('send {"time": "<ISO 8601 instant>"} or {"time": "now"} (the wall clock), e.g. {"time": "2026-03-01T09:00:00Z"}');
      await clock.set(at).catch(outOfRange(String(text)));
      keepAnchor(store, clock);
      await deps.delivery.idle();
      res.json(clockView());
    },
  );

  router.get('/snapshots', (_req, res) => res.json(store.snapshots()));
  router.post('/snapshots', (req, res) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) throw invalid('send {"name": "<letters, digits, . _ ->"} (at most 64 characters)');
    const { count, max } = store.stats().snapshots;
    if (count >= max && !store.snapshots().some((s) => s.name === name)) throw conflict(`at most ${max} snapshots are kept (HIE_SANDBOX_MAX_SNAPSHOTS); delete one or reuse a name`);
    res.status(201).json(store.snapshot(name, clock.iso()));
  });
  router.post('/snapshots/:name/restore', (req, res) => {
    if (!sandbox.restore(req.params.name!)) throw notFound(`no snapshot named "${req.params.name}"; GET /admin/snapshots lists them`);
    res.json({ restored: req.params.name, counts: store.counts() });
  });
  router.delete('/snapshots/:name', (req, res) => {
    if (!store.deleteSnapshot(req.params.name!)) throw notFound(`no snapshot named "${req.params.name}"`);
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    sandbox.reset();
    res.json({ reset: true, counts: store.counts() });
  });
  return router;
}
