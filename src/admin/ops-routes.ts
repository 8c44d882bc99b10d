// Admin: faults, journal, deliveries and partners.
import express from 'express';
import { FaultInputError, type ArmFaultInput } from '../faults/index.js';
import { invalid, notFound } from '../fhir/index.js';
import type { DeliveryState } from '../delivery/index.js';
import type { JournalDirection } from '../journal/index.js';
import { PartnerError, type Partner } from '../partners/index.js';
import type { Sandbox } from '../app.js';
import { jsonObject, optionalString } from '../validation/fields.js';
import { queryString } from './query.js';
import { withoutSecrets } from './secrets.js';

export function createOpsRoutes(sandbox: Sandbox): express.Router {
  const { faults, journal, delivery, partners, clock } = sandbox.deps;
  const router = express.Router();

  router.get('/faults', (_req, res) => res.json(faults.list()));
  router.get('/faults/seams', (_req, res) => res.json(faults.seams()));
  router.post('/faults', (req, res) => {
    try {
      res.status(201).json(faults.arm(req.body as ArmFaultInput, clock.iso()));
    } catch (err) {
      if (err instanceof FaultInputError) throw invalid(err.message);
      throw err;
    }
  });
  router.delete('/faults', (_req, res) => res.json({ cleared: faults.clear() }));
  router.delete('/faults/:id', (req, res) => {
    if (!faults.clear(req.params.id)) throw notFound(`no armed fault with id ${req.params.id}`);
    res.status(204).end();
  });

  router.get('/journal', (req, res) => {
    const limitText = queryString(req.query.limit);
    const limit = limitText === undefined ? 100 : Number(limitText);
    // Above the journal's capacity, a limit asks for all it holds.
    if (!Number.isInteger(limit) || limit < 1) throw invalid('limit must be a whole number from 1');
    const direction = queryString(req.query.direction) as JournalDirection | undefined;
    if (direction && direction !== 'inbound' && direction !== 'outbound') throw invalid('direction must be inbound or outbound');
    const since = queryString(req.query.since);
    if (since && !/^\d+$/.test(since) && Number.isNaN(Date.parse(since))) throw invalid('since must be a journal entry id or an ISO 8601 instant');
    const matched = journal.query({
      system: queryString(req.query.system),
      partner: queryString(req.query.partner),
      correlation: queryString(req.query.correlation),
      direction,
      since: since && !/^\d+$/.test(since) ? new Date(since).toISOString() : since,
      limit: journal.capacity,
    });
    // What a reader needs to know that it saw everything: how many entries matched (the answer holds the newest
    // `limit`), and the oldest entry the journal still holds (those before it fell off its bounds).
    res.set({ 'Journal-Matched': String(matched.length), ...(journal.oldestId() ? { 'Journal-Oldest-Id': journal.oldestId() } : {}) });
    res.json(matched.slice(Math.max(0, matched.length - limit)));
  });
  router.get('/journal/:id', (req, res) => {
    const entry = journal.get(req.params.id!);
    if (!entry) throw notFound(`no journal entry ${req.params.id} (the journal keeps the last ${journal.capacity})`);
    res.json(entry);
  });

  router.get('/deliveries', (req, res) => {
    const state = queryString(req.query.state) as DeliveryState | undefined;
    if (state && !['pending', 'delivered', 'dead'].includes(state)) throw invalid('state must be pending, delivered or dead');
    res.json(delivery.list({ state, channel: queryString(req.query.channel), partner: queryString(req.query.partner), correlation: queryString(req.query.correlation) }));
  });
  router.get('/deliveries/:id', (req, res) => {
    const m = delivery.get(req.params.id!);
    if (!m) throw notFound(`no delivery ${req.params.id}`);
    res.json(m);
  });
  router.post('/deliveries/:id/replay', (req, res) => {
    const m = delivery.get(req.params.id!);
    if (!m) throw notFound(`no delivery ${req.params.id}`);
    if (m.state === 'pending') throw invalid(`delivery ${m.id} is still pending; only delivered or dead messages can be replayed`);
    res.status(202).json(delivery.replay(m.id));
  });

  const view = (p: Partner) => ({ ...p });
  router.get('/partners', (_req, res) => res.json(withoutSecrets(partners.list().map(view))));
  router.get('/partners/:name', (req, res) => {
    const p = partners.get(req.params.name!);
    if (!p) throw notFound(`no partner "${req.params.name}"`);
    res.json(view(p));
  });
  router.post('/partners', (req, res) => {
    try {
      const body = jsonObject(req.body);
      const input = { name: optionalString(body, 'name', 64) ?? '', clientId: optionalString(body, 'clientId', 256), clientSecret: optionalString(body, 'clientSecret', 256) };
      res.status(201).json(view(partners.add(input, clock.iso())));
    } catch (err) {
      if (err instanceof PartnerError) throw invalid(err.message);
      throw err;
    }
  });
  return router;
}
