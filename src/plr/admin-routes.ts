// Admin API for PLR: registry-side changes (which distribute) and distribution subscriptions.
import express from 'express';
import { withoutSecrets } from '../admin/secrets.js';
import { invalid, notFound } from '../fhir/index.js';
import type { PlrContext } from './context.js';
import { applyRegistryChange, type RegistryChangeInput } from './distribution/registry-changes.js';
import { parseSubscription, type SubscriptionInput } from './distribution/subscriptions.js';

/** Mounted at /admin/plr. */
export function createPlrAdminRouter(ctx: PlrContext): express.Router {
  const router = express.Router();
  const { deps, distributor } = ctx;

  router.get('/changes', (_req, res) => {
    res.json(distributor.changes());
  });
  router.post('/changes', async (req, res) => {
    const result = applyRegistryChange(ctx, (req.body ?? {}) as RegistryChangeInput);
    if (typeof result === 'string') throw invalid(result);
    await deps.delivery.idle();
    res.status(201).json(result);
  });

  router.get('/subscriptions', (_req, res) => {
    res.json(withoutSecrets(distributor.subscriptions()));
  });
  router.post('/subscriptions', (req, res) => {
    const parsed = parseSubscription((req.body ?? {}) as SubscriptionInput, (name) => Boolean(deps.partners.get(name)), deps.clock.iso());
    if (typeof parsed === 'string') throw invalid(parsed);
    res.status(201).json(distributor.subscribe(parsed));
  });
  router.delete('/subscriptions/:id', (req, res) => {
    if (!distributor.unsubscribe(req.params.id!)) throw notFound(`no PLR subscription ${req.params.id}; GET /admin/plr/subscriptions lists them`);
    res.status(204).end();
  });
  return router;
}
