// The receiving reference POS at /pos/receiver: Ocean's webhook, answering by policy or step by step, plus registry endpoints.
import express from 'express';
import type { AppDeps } from '../../app-deps.js';
import { parseDuration } from '../../clock/index.js';
import { invalid, notFound } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import { buildActionMessage, eventOf } from './build-messages.js';
import { fileReferral } from './file-referral.js';
import { COLLECTIONS, DEFAULT_POLICY, planFor, RECEIVER_MODES, type ReceivedReferral, type ReceiverAction, type ReceiverMode, type ReceiverPolicy } from './model.js';
import { createOceanClient } from './ocean-client.js';
import { parseAction } from './parse-action.js';

export type { ReceiverPolicy, ReceivedReferral, ReceiverAction } from './model.js';

/**
 * Routes (mounted at `/pos/receiver`): `POST /$process-message` (the webhook URL to register in Ocean),
 * `GET|PUT /policy`, `GET /referrals[/:ref]`, `POST /referrals/:ref/actions`, and
 * `PUT|POST /plr/distribution`, `POST /hcim/notification` for registry subscriptions.
 */
export function createReceiverRouter(deps: AppDeps): express.Router {
  const { store, clock } = deps;
  const ocean = createOceanClient(deps);
  const self = `${deps.config.baseUrl}/pos/receiver/$process-message`;
  const router = express.Router();
  router.use(express.json({ limit: deps.config.bodyLimitBytes, type: ['application/json', 'application/fhir+json'] }));

  const policy = () => store.get<ReceiverPolicy>(COLLECTIONS.policy, 'current') ?? DEFAULT_POLICY;
  const load = (ref: string) => store.get<ReceivedReferral>(COLLECTIONS.referrals, ref);

  async function perform(ref: string, action: ReceiverAction) {
    const r = load(ref);
    if (!r) throw notFound(`the reference POS has no referral ${ref}`);
    const answer = await ocean.post(r.siteNum, buildActionMessage(r, action, clock.iso(), { self, ocean: ocean.processMessagesUrl }));
    const fresh = load(ref) ?? r;
    fresh.sent.push({ at: clock.iso(), event: eventOf(action), status: answer.status, outcome: answer.outcome });
    store.put(COLLECTIONS.referrals, ref, fresh);
    return answer;
  }

  /** Schedules the policy's plan on the simulated clock, one action per delay; advancing the clock awaits each post. */
  function follow(ref: string, mode: ReceiverMode, delay: string) {
    const step = parseDuration(delay) ?? 300_000;
    planFor(mode).forEach((action, i) => clock.schedule(clock.now() + step * (i + 1), () => perform(ref, action).catch((err: unknown) => deps.log.warn('reference receiver could not post to Ocean', { ref, error: String(err) }))));
  }

  router.post('/\\$process-message', (req, res) => {
    const body = req.body as { challenge?: unknown; resourceType?: string } | undefined;
    if (body && typeof body.challenge === 'string') return void res.json({ challenge: body.challenge });
    if (body?.resourceType !== 'Bundle') throw invalid('the reference POS takes FHIR message Bundles (or Ocean\'s {"challenge": ...})');
    const bundle = body as fhir.Bundle;
    const header = bundle.entry?.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource as fhir.MessageHeader | undefined;
    const event = header?.eventCoding?.code ?? 'unknown';
    const filed = event === 'add-service-request' ? fileReferral(deps, bundle) : undefined;
    const refOf = () => (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'ServiceRequest' ? (e.resource as fhir.ServiceRequest).identifier ?? [] : [])).find((i) => i.system?.endsWith('/id-ereferral-reference'))?.value;
    const ref = filed?.ref ?? refOf();
    const existing = ref ? load(ref) : undefined;
    if (filed && !existing) {
      filed.events.push({ at: clock.iso(), event });
      store.put(COLLECTIONS.referrals, filed.ref, filed);
      const p = policy();
      follow(filed.ref, p.mode, p.delay);
    } else if (existing) {
      existing.events.push({ at: clock.iso(), event });
      if (event === 'revoke-service-request') existing.state = 'cancelled';
      store.put(COLLECTIONS.referrals, existing.ref, existing);
    }
    // Ocean retries anything but 2xx, so messages the POS ignores still get 200 (ocean.md §8.3).
    res.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: `${event} ${existing || filed ? `filed for referral ${ref}` : 'acknowledged'}` }] });
  });

  router.get('/policy', (_req, res) => void res.json(policy()));
  router.put('/policy', (req, res) => {
    const b = (req.body ?? {}) as Partial<ReceiverPolicy>;
    if (!RECEIVER_MODES.includes(b.mode as ReceiverMode)) throw invalid(`mode must be one of ${RECEIVER_MODES.join(', ')}`);
    if (b.delay !== undefined && parseDuration(String(b.delay)) === undefined) throw invalid('delay must be an ISO 8601 duration, e.g. PT5M');
    res.json(store.put(COLLECTIONS.policy, 'current', { mode: b.mode as ReceiverMode, delay: b.delay ?? DEFAULT_POLICY.delay }));
  });
  router.get('/referrals', (_req, res) => void res.json(store.list<ReceivedReferral>(COLLECTIONS.referrals).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))));
  router.get('/referrals/:ref', (req, res) => {
    const r = load(req.params.ref);
    if (!r) throw notFound(`the reference POS has no referral ${req.params.ref}`);
    res.json(r);
  });
  router.post('/referrals/:ref/actions', async (req, res) => {
    const answer = await perform(req.params.ref, parseAction(req.body));
    res.status(answer.status < 300 ? 200 : 502).json(answer);
  });

  const registry = (kind: string) => (req: express.Request, res: express.Response) => {
    const body = req.body as { resourceType?: string; id?: string } | undefined;
    if (!body?.resourceType) throw invalid(`a ${kind} must be a FHIR resource`);
    const id = `${kind}-${store.count(COLLECTIONS.registry) + 1}`;
    store.put(COLLECTIONS.registry, id, { id, kind, at: clock.iso(), resourceType: body.resourceType, body });
    res.status(200).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: `${kind} received` }] });
  };
  router.put('/plr/distribution{/*rest}', registry('plr-distribution'));
  router.post('/plr/distribution{/*rest}', registry('plr-distribution'));
  router.post('/hcim/notification', registry('hcim-notification'));
  router.get('/registry-messages', (_req, res) => void res.json(store.list(COLLECTIONS.registry)));
  return router;
}
