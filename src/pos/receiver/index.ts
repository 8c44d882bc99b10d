// The receiving reference POS at /pos/receiver: Ocean's webhook, answering by policy or step by step, plus registry endpoints.
import express from 'express';
import type { AppDeps } from '../../app-deps.js';
import { parseDuration } from '../../clock/index.js';
import { OCEAN_CHANNEL } from '../../delivery/index.js';
import { invalid, notFound } from '../../fhir/errors.js';
import { shapeStructureError } from '../../fhir/express-adapter.js';
import { jsonBody } from '../../fhir/json-body.js';
import { findShapeProblem } from '../../fhir/json-shape.js';
import { jsonObject, optionalString } from '../../validation/fields.js';
import type * as fhir from '../../fhir/types.js';
import { buildActionMessage, eventOf } from './build-messages.js';
import { documentUrls, fetchDocuments } from './fetch-documents.js';
import { fileReferral } from './file-referral.js';
import { appendToHistory, COLLECTIONS, DEFAULT_POLICY, planFor, RECEIVER_MODES, type PlannedStep, type ReceivedReferral, type ReceiverAction, type ReceiverMode, type ReceiverPolicy } from './model.js';
import { createOceanClient, type OceanAnswer } from './ocean-client.js';
import { parseAction } from './parse-action.js';
import { createReferralTimers } from './referral-timers.js';
import { createRegistryEndpoints } from './registry-endpoints.js';
import { forgetOldReferrals, REFERRAL_KEEP } from './retention.js';
import { misbehave, setWrongBehaviours, wrongBehaviours } from './wrong.js';

export type { ReceiverPolicy, ReceivedReferral, ReceiverAction } from './model.js';
export { HISTORY_KEEP } from './model.js';
export { DOCUMENTS_FETCHED } from './fetch-documents.js';
export { REFERRAL_KEEP } from './retention.js';
export { WRONG_BEHAVIOURS, type WrongBehaviour } from './wrong.js';

/** Simulated delay before the POS fetches a new referral's letter and attachments. */
const FETCH_DELAY_MS = 60_000;

/** The longest policy delay: Ocean stops retrying a delivery after this, so a POS answering later is no test of anything. */
const MAX_DELAY = OCEAN_CHANNEL.schedule.giveUpAfter;
const MAX_DELAY_MS = parseDuration(MAX_DELAY)!;

export interface ReceiverOptions {
  /** Referrals kept before the oldest are forgotten (default REFERRAL_KEEP). */
  keepReferrals?: number;
  /** Bytes of registry message bodies kept (default REGISTRY_MESSAGE_BYTES). */
  registryBytes?: number;
}

/**
 * Routes (mounted at `/pos/receiver`): `POST /$process-message` (the webhook URL to register in Ocean),
 * `GET|PUT /policy`, `GET|PUT /wrong`, `GET /referrals[/:ref]`, `POST /referrals/:ref/actions` (the
 * scenario driver), and the registry endpoints (see registry-endpoints.ts).
 */
export function createReceiver(deps: AppDeps, options: ReceiverOptions = {}): { router: express.Router; resume(): void } {
  const { store, clock } = deps;
  const keepReferrals = options.keepReferrals ?? REFERRAL_KEEP;
  const timers = createReferralTimers(clock);
  const ocean = createOceanClient(deps);
  const self = `${deps.config.baseUrl}/pos/receiver/$process-message`;
  const router = express.Router();
  router.use(jsonBody({ limitBytes: deps.config.bodyLimitBytes }));

  const policy = () => store.get<ReceiverPolicy>(COLLECTIONS.policy, 'current') ?? DEFAULT_POLICY;
  const load = (ref: string) => store.get<ReceivedReferral>(COLLECTIONS.referrals, ref);
  const update = (ref: string, change: (r: ReceivedReferral) => void) => {
    const r = load(ref);
    if (r) change(r), store.put(COLLECTIONS.referrals, ref, r);
  };

  async function perform(ref: string, intended: ReceiverAction): Promise<OceanAnswer> {
    const r = load(ref);
    if (!r) throw notFound(`the reference POS has no referral ${ref}`);
    const action = misbehave(intended, wrongBehaviours(store));
    const answer: OceanAnswer = action ? await ocean.post(r.siteNum, buildActionMessage(r, action, clock.iso(), { self, ocean: ocean.processMessagesUrl })) : { status: 0, outcome: `not sent (wrong receiver: skip-${intended.type})` };
    update(ref, (fresh) => appendToHistory(fresh.sent, { at: clock.iso(), event: eventOf(intended), status: answer.status, outcome: answer.outcome }));
    return answer;
  }

  /** What a new referral's policy plans (one action per delay) and, when Ocean offers documents, their fetch a minute in. */
  function planOf(bundle: fhir.Bundle, mode: ReceiverMode, delay: string): PlannedStep[] {
    // A policy stored before delays were capped may hold a longer one.
    const step = Math.min(parseDuration(delay) ?? 300_000, MAX_DELAY_MS);
    const docs = documentUrls(bundle, ocean.fhirBase);
    const actions: PlannedStep[] = planFor(mode).map((action, i) => ({ n: i + 1, at: clock.now() + step * (i + 1), action }));
    return docs.length ? [{ n: 0, at: clock.now() + FETCH_DELAY_MS, fetch: docs }, ...actions] : actions;
  }

  /**
   * The planned step, if the stored referral still plans it: timers live in memory, the referral in the store, and
   * after a snapshot restore or a reset the POS may hold another referral under that ref, or none (a scenario run
   * restores its baseline between scenarios). A step no longer planned is dropped rather than acting on a referral
   * Ocean no longer has (it used to GET its letter: a 404).
   */
  const stillPlanned = (r: Readonly<ReceivedReferral>, step: PlannedStep) => {
    const now = load(r.ref);
    return now?.receivedAt === r.receivedAt && now.planned?.some((s) => s.n === step.n) === true;
  };

  /** Does one step, then strikes it from the plan (done at least once: a crash in between does it again). */
  async function carryOut(r: Readonly<ReceivedReferral>, step: PlannedStep): Promise<void> {
    if (!stillPlanned(r, step)) return;
    if ('action' in step) {
      await perform(r.ref, step.action).catch((err: unknown) => deps.log.warn('reference receiver could not post to Ocean', { ref: r.ref, error: String(err) }));
    } else {
      const fetched = await fetchDocuments(ocean, r.siteNum, step.fetch).catch((err: unknown) => void deps.log.warn('reference receiver could not fetch documents', { ref: r.ref, error: String(err) }));
      if (fetched) update(r.ref, (fresh) => (fresh.documents = fetched));
    }
    update(r.ref, (fresh) => (fresh.planned = fresh.planned?.filter((s) => s.n !== step.n)));
  }

  /** Sets a clock timer for each step the referral still plans; advancing the clock awaits each. */
  function arm(r: Readonly<ReceivedReferral>): void {
    timers.cancel(r.ref);
    for (const step of r.planned ?? []) timers.schedule(r.ref, step.at, () => carryOut(r, step));
  }

  /** After a start, a reset or a snapshot restore: the plans the store holds, and no timer for a referral it does not. */
  function resume(): void {
    timers.sweep((ref) => store.view(COLLECTIONS.referrals, ref) !== undefined, 0);
    for (const r of store.values<ReceivedReferral>(COLLECTIONS.referrals)) if (r.planned?.length) arm(r);
  }

  router.post('/\\$process-message', (req, res) => {
    const body = req.body as { challenge?: unknown; resourceType?: string } | undefined;
    if (body && typeof body.challenge === 'string') return void res.json({ challenge: body.challenge });
    if (wrongBehaviours(store).includes('answer-500')) return void res.status(500).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception', diagnostics: 'wrong receiver: answer-500' }] });
    if (body?.resourceType !== 'Bundle') throw invalid('the reference POS takes FHIR message Bundles (or Ocean\'s {"challenge": ...})');
    const problem = findShapeProblem(body);
    if (problem) throw shapeStructureError(problem);
    const bundle = body as fhir.Bundle;
    const header = bundle.entry?.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource as fhir.MessageHeader | undefined;
    const event = header?.eventCoding?.code ?? 'unknown';
    const filed = event === 'add-service-request' ? fileReferral(deps, bundle) : undefined;
    const refOf = () => (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'ServiceRequest' ? (e.resource as fhir.ServiceRequest).identifier ?? [] : [])).find((i) => i.system?.endsWith('/id-ereferral-reference'))?.value;
    const ref = filed?.ref ?? refOf();
    const existing = ref ? load(ref) : undefined;
    if (filed && !existing) {
      appendToHistory(filed.events, { at: clock.iso(), event });
      const p = policy();
      filed.planned = planOf(bundle, p.mode, p.delay);
      // Arming first cancels timers left from an earlier referral with this ref (a reset forgot it).
      store.put(COLLECTIONS.referrals, filed.ref, filed);
      arm(filed);
      forgetOldReferrals(store, timers, keepReferrals);
    } else if (existing) {
      appendToHistory(existing.events, { at: clock.iso(), event });
      if (event === 'revoke-service-request') existing.state = 'cancelled';
      store.put(COLLECTIONS.referrals, existing.ref, existing);
    }
    // Ocean retries anything but 2xx, so messages the POS ignores still get 200 (docs/ocean.md#delivery-and-retry).
    res.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: `${event} ${existing || filed ? `filed for referral ${ref}` : 'acknowledged'}` }] });
  });

  router.get('/policy', (_req, res) => void res.json(policy()));
  router.put('/policy', (req, res) => {
    const b = jsonObject(req.body);
    const mode = optionalString(b, 'mode', 32) as ReceiverMode | undefined;
    if (!mode || !RECEIVER_MODES.includes(mode)) throw invalid(`mode must be one of ${RECEIVER_MODES.join(', ')}`);
    const delay = optionalString(b, 'delay', 64);
    const ms = delay === undefined ? undefined : parseDuration(delay);
    if (delay !== undefined && ms === undefined) throw invalid('delay must be an ISO 8601 duration, e.g. PT5M');
    if (ms !== undefined && ms > MAX_DELAY_MS) throw invalid(`delay must be at most ${MAX_DELAY} (Ocean gives up delivering after that); to answer later, use mode manual`);
    res.json(store.put(COLLECTIONS.policy, 'current', { mode, delay: delay ?? DEFAULT_POLICY.delay }));
  });
  router.get('/wrong', (_req, res) => void res.json({ behaviours: wrongBehaviours(store) }));
  router.put('/wrong', (req, res) => void res.json({ behaviours: setWrongBehaviours(store, req.body) }));
  router.get('/referrals', (_req, res) => void res.json(store.list<ReceivedReferral>(COLLECTIONS.referrals).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))));
  router.get('/referrals/:ref', (req, res) => {
    const r = load(req.params.ref);
    if (!r) throw notFound(`the reference POS has no referral ${req.params.ref}`);
    res.json(r);
  });
  router.post('/referrals/:ref/actions', async (req, res) => {
    const answer = await perform(req.params.ref, parseAction(req.body));
    res.status(answer.status === 0 || answer.status < 300 ? 200 : 502).json(answer);
  });
  router.use(createRegistryEndpoints(deps, options.registryBytes));
  return { router, resume };
}
