// /admin/scenario-runs: one scenario run at a time per sandbox. Runs share one simulated clock and restore
// snapshots, so a second run (another partner, another CI job) waits for the first instead of undoing it.
import { randomBytes } from 'node:crypto';
import express from 'express';
import { conflict, notFound } from '../fhir/index.js';

export interface RunLease {
  id: string;
  partner: string;
  /** Simulated time the run started (for the waiting run's message). */
  since: string;
}

/**
 * A lease a run holds while it runs. It lapses when not renewed for `ttlMs` of real (monotonic) time, so a run
 * killed mid-way does not block the sandbox: simulated time cannot measure that, as the run itself moves it.
 */
export function createRunLeaseRoutes(simulatedNow: () => string, options: { ttlMs?: number; monotonic?: () => number } = {}): express.Router {
  const ttl = options.ttlMs ?? 120_000;
  const monotonic = options.monotonic ?? (() => performance.now());
  let held: (RunLease & { renewedAt: number }) | undefined;
  const current = () => (held && monotonic() - held.renewedAt <= ttl ? held : (held = undefined));
  const view = (l: RunLease) => ({ id: l.id, partner: l.partner, since: l.since });
  const router = express.Router();

  router.get('/scenario-runs', (_req, res) => void res.json(current() ? [view(current()!)] : []));
  router.post('/scenario-runs', (req, res) => {
    const partner = (req.body as { partner?: unknown } | undefined)?.partner;
    const busy = current();
    if (busy) throw conflict(`a scenario run for partner "${busy.partner}" holds this sandbox since ${busy.since} (run ${busy.id}); wait for it, or DELETE /admin/scenario-runs/${busy.id} if it died`);
    held = { id: randomBytes(6).toString('hex'), partner: typeof partner === 'string' ? partner : '?', since: simulatedNow(), renewedAt: monotonic() };
    res.status(201).json(view(held));
  });
  router.put('/scenario-runs/:id', (req, res) => {
    const lease = current();
    if (!lease || lease.id !== req.params.id) throw notFound(`no scenario run ${req.params.id} holds this sandbox`);
    lease.renewedAt = monotonic();
    res.json(view(lease));
  });
  router.delete('/scenario-runs/:id', (req, res) => {
    if (current()?.id !== req.params.id) throw notFound(`no scenario run ${req.params.id} holds this sandbox`);
    held = undefined;
    res.status(204).end();
  });
  return router;
}
