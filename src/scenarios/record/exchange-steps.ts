// One recorded exchange → the steps that replay it: `send` for what the sandbox sent unprompted, `expect` for the rest.
import { CALLBACK_CORRELATION, type JournalEntry } from '../../journal/index.js';
import { journalJson } from '../step-context.js';
import { messageEvent } from '../steps/expect-step.js';
import type { UseCaseRef } from '../types.js';
import { valuesIn } from '../conformance/status-map.js';

/** A step as written in YAML (the library's own format). */
export type RecordedStep = Record<string, unknown>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The path an expect matches: ids that change from run to run become a pattern (`/.../` is a regex in expect). */
export function pathPattern(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  // A plain path is a substring match; one with ids (or one that would read as /regex/) becomes an escaped pattern.
  if (!UUID.test(path) && !(path.startsWith('/') && path.endsWith('/'))) return path;
  return `/${path.split(UUID).map(escapeRe).join('[^/?]+')}/`;
}

type Resource = { resourceType?: string; identifier?: Array<{ system?: string; value?: string }>; item?: Array<{ linkId?: string; answer?: Array<{ valueString?: string }> }>; id?: string; meta?: unknown };
const resources = (body: unknown) => ((body as { entry?: Array<{ resource?: Resource }> } | undefined)?.entry ?? []).map((e) => e.resource ?? {});

/** What Ocean's add-service-request says about the referral: the listing, the patient (ids dropped) and the reason. */
function referralInput(body: unknown): Record<string, unknown> | undefined {
  const all = resources(body);
  const listingRef = all.flatMap((r) => (r.resourceType === 'PractitionerRole' ? (r.identifier ?? []) : [])).find((i) => i.system?.endsWith('/id-referral-target-reference'))?.value;
  const patient = all.find((r) => r.resourceType === 'Patient');
  if (!listingRef || !patient) return undefined;
  const { id: _id, meta: _meta, ...rest } = patient;
  const reason = all.find((r) => r.resourceType === 'QuestionnaireResponse')?.item?.find((i) => i.linkId === 'reason')?.answer?.[0]?.valueString;
  return { listingRef, patient: rest, ...(reason ? { reason } : {}) };
}

/** A FHIRPath string literal (the value comes from what the POS sent). */
const literal = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A FHIRPath condition that tells this message from others of the same event (the Task status, an appointment). */
function whereOf(entry: JournalEntry): string | undefined {
  const values = valuesIn(entry);
  const status = values.find((v) => !v.includes(':') && !v.startsWith('send-'));
  if (status) return `entry.resource.ofType(Task).status = ${literal(status)}`;
  const appointment = values.find((v) => v.startsWith('appointment: '));
  if (appointment) return `entry.resource.ofType(Appointment).participant.status contains ${literal(appointment.slice('appointment: '.length))}`;
  return undefined;
}

/** Keyed by the event code a POS sent (client input: a Map, so `constructor` is just an unknown event). */
const USE_CASE_BY_EVENT = new Map<string, UseCaseRef>([
  ['add-service-request', { name: 'Receive New Service Request', list: 'receiver', priority: 'Required' }],
  ['revoke-service-request', { name: 'Receive Service Request Cancellation', list: 'receiver', priority: 'Required' }],
  ['notify-add-appointment', { name: 'Send Appointment Details (New)', list: 'receiver', priority: 'Strongly recommended' }],
  ['notify-update-appointment', { name: 'Send Appointment Details (Updates)', list: 'receiver', priority: 'Strongly recommended' }],
  ['notify-data-correction', { name: 'Send Data Correction Notification', list: 'receiver', priority: 'Strongly recommended' }],
  ['send-communication-from-provider', { name: 'Exchange Communications', list: 'receiver', priority: 'Desirable' }],
  ['send-communication', { name: 'Exchange Communications', list: 'receiver', priority: 'Desirable' }],
]);

/** The path of a journaled URL (absolute for outbound exchanges, origin-relative for inbound), without its query. */
export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://sandbox.invalid').pathname;
  } catch {
    return url.split(/[?#]/, 1)[0]!;
  }
}

/** PLR's query operations (routes.ts) and its relationship searches; a plain read is no query. */
const PLR_QUERY = /(\/\$(entityQuery|extendedQuery|full|dereference)|\/(PractitionerRole|OrganizationAffiliation))$/;

/** The use case an exchange is evidence of, when the catalogue names one. Read from the path, never the query string. */
export function useCaseOf(entry: JournalEntry): UseCaseRef | undefined {
  const event = messageEvent(journalJson(entry, 'request'));
  const path = pathOf(entry.url);
  if (entry.system === 'ocean') {
    if (event && entry.direction === 'inbound' && whereOf(entry)?.includes('Task')) return { name: 'Send Service Request Status', list: 'receiver', priority: 'Required' };
    if (event) return USE_CASE_BY_EVENT.get(event);
    if (entry.direction === 'inbound' && /\/(ServiceRequest\/[^/]+\/\$letter|DocumentReference\/[^/]+\/\$binary)$/.test(path)) return { name: 'Receive and attach supporting documentation to a referral', list: 'receiver', priority: 'Strongly recommended' };
    // Ocean reading the chart of the EHR that launched it: the launch went through (docs/smart-launch.md).
    if (entry.direction === 'outbound' && entry.method === 'GET' && /\/Patient\/[^/]+\/\$everything$/.test(path)) return CONTEXTUAL_LAUNCH;
  }
  if (entry.system === 'plr') {
    if (entry.direction === 'outbound') return { name: 'Distributions', list: 'distribution', priority: 'Required' };
    if (path.endsWith('/$maintain')) return { name: 'Maintain', list: 'maintain', priority: 'Required' };
    if (path.endsWith('/$batch')) return { name: 'Batch', list: 'batch', priority: 'Required' };
    if (PLR_QUERY.test(path)) return { name: 'Queries', list: 'query', priority: 'Required' };
    return undefined;
  }
  if (entry.system === 'hcim') {
    // What a delivery was is in its correlation, not its URL: a call-back answers a request, a notification a change.
    if (entry.direction === 'outbound' && Object.hasOwn(entry.correlation, CALLBACK_CORRELATION)) return { name: '.Async operations', list: 'hcim', priority: 'Required' };
    if (entry.direction === 'outbound') return Object.hasOwn(entry.correlation, 'event') ? { name: 'Patient change notifications', list: 'hcim', priority: 'Required' } : undefined;
    const op = /\/\$(GetDemographics|FindCandidates|AddPatient|RevisePatient|UpdatePatient|MergePatient)(\.Async|\.withEligibility)?$/.exec(path)?.[1];
    if (op) return { name: op, list: 'hcim', priority: 'Required' };
  }
  return undefined;
}

/**
 * A launch shows "Contextual Launch into Ocean", a use case of both the sender and the receiver lists, shown the same
 * way in each (sameUseCase).
 */
export const CONTEXTUAL_LAUNCH: UseCaseRef = { name: 'Contextual Launch into Ocean', list: 'receiver', priority: 'Required' };

/** Whether an exchange that shows `shown` shows `u`: the same list and name, or a launch for either list's launch row. */
export function sameUseCase(shown: Pick<UseCaseRef, 'list' | 'name'>, u: Pick<UseCaseRef, 'list' | 'name'>): boolean {
  return shown.name === u.name && (shown.list === u.list || shown.name === CONTEXTUAL_LAUNCH.name);
}

/** The steps for one exchange, plus a warning when the replay cannot reproduce what prompted it. */
export function stepsFor(entry: JournalEntry, seenReferral: boolean): { steps: RecordedStep[]; warning?: string; referral?: boolean } {
  const body = journalJson(entry, 'request');
  const event = messageEvent(body);
  const status = entry.status ?? 0;
  const answered = status >= 200 && status < 300 ? '2xx' : status;
  if (entry.direction === 'outbound') {
    const expect = { expect: { system: entry.system, direction: 'outbound', ...(event ? { event } : { method: entry.method }), status: answered, within: 'PT1H' } };
    if (entry.system === 'ocean' && event === 'add-service-request' && !seenReferral) {
      const input = referralInput(body);
      if (input) return { steps: [{ title: 'Ocean sends the recorded referral', send: { as: 'ocean', message: 'add-service-request', with: input, capture: { ref: 'ref' } } }, expect], referral: true };
    }
    if (entry.system === 'ocean' && event === 'revoke-service-request' && seenReferral) return { steps: [{ title: 'The referrer cancels the referral', send: { as: 'ocean', message: 'revoke-service-request', with: { ref: '${ref}' } } }, expect] };
    const prompted = entry.system === 'ocean' && event?.startsWith('notify-');
    return { steps: [expect], warning: prompted ? undefined : `journal #${entry.id} (${entry.method} ${entry.url}) was sent by ${entry.system} after a change the journal does not show; add the step that causes it before its expect` };
  }
  const where = whereOf(entry);
  return { steps: [{ expect: { system: entry.system, method: entry.method, path: pathPattern(entry.url), ...(event ? { event } : {}), ...(where ? { where } : {}), status: answered, within: 'PT2H' } }] };
}
