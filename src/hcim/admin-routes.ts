// Admin routes under /admin/hcim: subscriptions, async call-back endpoints, match evaluation.
import express from 'express';
import { withoutSecrets } from '../admin/secrets.js';
import { fhirError, invalid, notFound, operationOutcome } from '../fhir/index.js';
import type { Clock } from '../clock/index.js';
import { QUERY_PROFILES, type MatchEvaluation, type QueryProfile } from './evaluate.js';
import type { CallbackRegistry, SubscriptionRegistry } from './notifications/callbacks.js';
import { NOTIFICATION_FORMATS, type ChangeEvent, type NotificationFormat } from './notifications/notifier.js';
import { jsonObject, optionalString, optionalStringList, optionalStringMap } from '../validation/fields.js';

const EVENTS: readonly ChangeEvent[] = ['NEW', 'NEWBORN', 'COMPOSITE', 'DEATH', 'PHNMERGE', 'EID'];

const isUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

export function createHcimAdminRouter(deps: { clock: Clock; subscriptions: SubscriptionRegistry; callbacks: CallbackRegistry; evaluate: (profile: QueryProfile) => Promise<MatchEvaluation | false> }): express.Router {
  const router = express.Router();
  router.get('/subscriptions', (_req, res) => void res.json(withoutSecrets(deps.subscriptions.list())));
  router.post('/subscriptions', (req, res) => {
    const body = jsonObject(req.body);
    if (!optionalString(body, 'partner', 64)) throw invalid('"partner" is required');
    if (!isUrl(optionalString(body, 'endpoint'))) throw invalid('"endpoint" must be an http(s) URL the notifications are POSTed to');
    const events = optionalStringList(body, 'events') ?? [];
    const bad = events.filter((e) => !EVENTS.includes(e as ChangeEvent));
    if (bad.length) throw invalid(`unknown events ${bad.join(', ')}: use ${EVENTS.join(', ')}`);
    const format = optionalString(body, 'format') ?? 'fhir';
    if (!NOTIFICATION_FORMATS.includes(format as NotificationFormat)) throw invalid(`"format" must be ${NOTIFICATION_FORMATS.join(' or ')} (hl7v3: HCIM_IN_PersonRevisedDistribution over SOAP)`);
    const headers = optionalStringMap(body, 'headers') ?? {};
    res.status(201).json(deps.subscriptions.add({ partner: body.partner as string, endpoint: body.endpoint as string, headers, events: events as ChangeEvent[], format: format as NotificationFormat }, deps.clock.iso()));
  });
  router.delete('/subscriptions/:id', (req, res) => {
    if (!deps.subscriptions.remove(req.params.id)) throw notFound(`no subscription ${req.params.id}`);
    res.status(204).end();
  });
  router.get('/callbacks', (_req, res) => void res.json(withoutSecrets(deps.callbacks.list())));
  router.post('/callbacks', (req, res) => {
    const body = jsonObject(req.body);
    if (!optionalString(body, 'partner', 64)) throw invalid('"partner" is required');
    if (!isUrl(optionalString(body, 'url'))) throw invalid('"url" must be the http(s) base URL the .Async results are POSTed to ({url}/Patient/$<Operation>)');
    const headers = optionalStringMap(body, 'headers') ?? {};
    res.status(201).json(deps.callbacks.put({ partner: body.partner as string, url: body.url as string, headers }));
  });
  router.delete('/callbacks/:partner', (req, res) => {
    if (!deps.callbacks.remove(req.params.partner)) throw notFound(`no call-back endpoint for ${req.params.partner}`);
    res.status(204).end();
  });
  router.post('/evaluate', async (req, res) => {
    const profile = optionalString(jsonObject(req.body), 'profile', 32) ?? 'full';
    if (!QUERY_PROFILES.includes(profile as QueryProfile)) throw invalid(`"profile" must be one of ${QUERY_PROFILES.join(', ')}`);
    const evaluation = await deps.evaluate(profile as QueryProfile);
    if (!evaluation) throw fhirError(503, operationOutcome({ code: 'transient', diagnostics: 'The candidate index is still being built; retry shortly.' }), { 'Retry-After': '5' });
    res.json(evaluation);
  });
  return router;
}
