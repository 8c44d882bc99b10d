// expect: wait, ticking the simulated clock, until the target sends (or receives) a matching message.
import { formatDuration, parseDuration } from '../../clock/index.js';
import type { JournalEntry } from '../../journal/index.js';
import { diffJson } from '../diff.js';
import { journalGap } from '../sandbox-client.js';
import { evaluateFhirPath, isTruthy, single } from '../fhirpath.js';
import { journalJson, statusMatches, type StepContext, type StepOutcome } from '../step-context.js';
import type { ExpectStep } from '../types.js';

/** The MessageHeader event code of a FHIR message Bundle, if the body is one. */
export function messageEvent(body: unknown): string | undefined {
  const b = body as { resourceType?: string; entry?: Array<{ resource?: { resourceType?: string; eventCoding?: { code?: string } } }> } | undefined;
  if (b?.resourceType !== 'Bundle') return undefined;
  return b.entry?.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource?.eventCoding?.code;
}

/** What an entry looks like through the eyes of an expect step (for matching and for diffs). */
function view(step: ExpectStep, e: JournalEntry, vars: Record<string, unknown> = {}) {
  const body = journalJson(e, 'request');
  let where: boolean | string | undefined;
  if (step.where) {
    try {
      where = body === undefined ? 'no JSON body' : isTruthy(evaluateFhirPath(body, step.where, vars));
    } catch (err) {
      where = (err as Error).message;
    }
  }
  return { method: e.method, url: e.url, status: e.status, event: messageEvent(body), where, referral: e.correlation?.referral, body, answer: refusal(e) };
}

/** What the system said when it refused the message (the first issue of an error OperationOutcome). */
function refusal(e: JournalEntry): string | undefined {
  if (e.status === undefined || e.status < 400) return undefined;
  const outcome = journalJson(e, 'response') as { issue?: Array<{ severity?: string; diagnostics?: string; details?: { text?: string } }> } | undefined;
  const issue = outcome?.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? outcome?.issue?.[0];
  return issue?.diagnostics ?? issue?.details?.text;
}

function matches(step: ExpectStep, v: ReturnType<typeof view>): boolean {
  return (
    (!step.method || v.method.toUpperCase() === step.method.toUpperCase()) &&
    (!step.path || pathMatches(step.path, v.url)) &&
    (!step.event || v.event === step.event) &&
    (!step.referral || v.referral === step.referral) &&
    statusMatches(step.status, v.status) &&
    (!step.where || v.where === true)
  );
}

function pathMatches(pattern: string, url: string): boolean {
  const re = /^\/(.+)\/$/.exec(pattern);
  return re ? new RegExp(re[1]!).test(url) : url.includes(pattern);
}

/**
 * How close an entry comes to what was asked: picks the "nearest" for the diff. What a message is
 * (event, path, where) weighs more than how it was answered, so a 500 to the right event beats a
 * 200 to an unrelated exchange (such as Ocean's challenge).
 */
function score(step: ExpectStep, v: ReturnType<typeof view>): number {
  const weights: Array<[unknown, number]> = [
    [step.event && v.event === step.event, 8],
    [step.where && v.where === true, 4],
    [step.referral && v.referral === step.referral, 4],
    [step.path && pathMatches(step.path, v.url), 2],
    [step.method && v.method.toUpperCase() === step.method.toUpperCase(), 1],
    [step.status !== undefined && statusMatches(step.status, v.status), 1],
  ];
  return weights.reduce((sum, [hit, w]) => sum + (hit ? w : 0), 0);
}

/** The step's exchanges since the run began, and, when the journal no longer holds all of them, why. */
interface Candidates {
  entries: JournalEntry[];
  lost?: string;
}

async function candidates(ctx: StepContext, step: ExpectStep): Promise<Candidates> {
  const { sandbox, partner } = ctx.target;
  const since = ctx.state.journalStart;
  const ask = (limit: number) =>
    sandbox.adminWithHeaders<JournalEntry[]>('GET', `/journal?${new URLSearchParams({ system: step.system, direction: step.direction, since: String(since), limit: String(limit) })}`);
  let res = await ask(1000);
  // The answer holds the newest `limit` matches: ask again for all of them (the journal keeps at most its capacity).
  const matched = Number(res.headers['journal-matched']);
  if (matched > res.json.length) res = await ask(matched);
  const entries = res.json.filter((e) => !ctx.state.consumed.has(e.id) && (!e.partner || e.partner === partner));
  // Entries after `since` that fell off the journal's bounds may be the very exchange this step looks for (or must
  // not find): without them, no verdict. (A sandbox that does not say what it holds is taken at its word.)
  const gap = journalGap(since, Number(res.headers['journal-oldest-id']));
  const lost = gap ? `the sandbox's journal no longer holds exchanges ${gap} of this run (they fell off its bounds: raise HIE_SANDBOX_JOURNAL_SIZE and HIE_SANDBOX_JOURNAL_BYTES, or run with less other traffic)` : undefined;
  return { entries, lost };
}

/** How often an expect looks again while it waits in real time after its simulated window. */
const PATIENT_POLL_MS = 200;

/** Runs an expect step. See the scenario format in scenarios/schema.json. */
export async function runExpect(ctx: StepContext, step: ExpectStep): Promise<StepOutcome> {
  const { sandbox } = ctx.target;
  const within = parseDuration(step.within)!;
  let tick = parseDuration(step.tick)!;
  const startAt = Date.parse((await sandbox.admin<{ now: string }>('GET', '/clock')).now);
  const deadline = startAt + within;
  const patience = ctx.target.patienceMs ?? 0;
  const realStart = Date.now();
  let windowOver = false;
  let seen: JournalEntry[] = [];
  let lost: string | undefined;
  for (;;) {
    const settle = windowOver ? PATIENT_POLL_MS : (ctx.target.settleMs ?? 15);
    if (settle !== 0) await new Promise((r) => setTimeout(r, settle));
    ({ entries: seen, lost } = await candidates(ctx, step));
    const hit = seen.find((e) => matches(step, view(step, e, ctx.state.vars)));
    if (hit) return step.absent ? refused(step, hit) : found(ctx, step, hit);
    if (!windowOver) {
      const now = Date.parse((await sandbox.admin<{ now: string }>('GET', '/clock')).now);
      windowOver = now >= deadline;
      if (!windowOver) {
        const by = Math.max(1000, Math.min(tick, deadline - now));
        await sandbox.admin('POST', '/clock/advance', { duration: formatDuration(by) });
        tick = Math.min(tick * 2, parseDuration('PT6H')!);
        continue;
      }
    }
    // The simulated window is over; the clock stays while the target gets the rest of its real time.
    if (Date.now() - realStart >= patience) break;
  }
  const waited = patience > 0 ? ` and ${formatDuration(patience)} of real time` : '';
  if (step.absent && lost) return { status: 'failed', message: `cannot tell whether there was no ${describe(step)} within ${step.within} (simulated): ${lost}` };
  if (step.absent) return { status: 'passed', message: `no ${describe(step)} within ${step.within} (simulated)${waited}, as expected` };
  const views = seen.map((e) => ({ e, v: view(step, e, ctx.state.vars) }));
  // Nearest = the best score; among equals the latest (the last retry says more than the first).
  const nearest = views.sort((a, b) => score(step, b.v) - score(step, a.v) || Number(b.e.id) - Number(a.e.id))[0];
  const expected = { method: step.method, path: step.path, event: step.event, referral: step.referral, status: step.status, where: step.where ? true : undefined };
  const unsure = lost ? `; and ${lost}` : '';
  if (!nearest) return { status: 'failed', message: `nothing ${step.direction} on ${step.system} within ${step.within} (simulated)${waited}: expected ${describe(step)}${unsure}`, diff: diffJson(pick(expected), {}) };
  // Fields that match show as expected, so the diff has only the lines that differ.
  const v = nearest.v;
  const actual = {
    method: step.method && v.method.toUpperCase() === step.method.toUpperCase() ? step.method : v.method,
    path: step.path && pathMatches(step.path, v.url) ? step.path : v.url,
    event: v.event,
    referral: v.referral,
    status: statusMatches(step.status, v.status) ? step.status : v.status,
    where: v.where,
  };
  return {
    status: 'failed',
    message: `no ${describe(step)} within ${step.within} (simulated)${waited}; ${seen.length} other ${step.direction} ${step.system} exchange(s), nearest is journal #${nearest.e.id}${unsure}`,
    diff: diffJson(pick(expected), { ...pick(actual, expected), ...(v.answer ? { answer: v.answer } : {}) }),
    evidence: [nearest.e.id],
  };
}

function found(ctx: StepContext, step: ExpectStep, hit: JournalEntry): StepOutcome {
  ctx.state.consumed.add(hit.id);
  const request = journalJson(hit, 'request');
  const response = journalJson(hit, 'response');
  ctx.state.vars.last = { journal: hit.id, request, response, status: hit.status };
  for (const [name, expr] of Object.entries(step.capture)) {
    const [part, expression] = splitPart(expr);
    const data = part === 'response' ? response : part === 'entry' ? hit : request;
    const value = expression === '$journal' ? hit.id : single(evaluateFhirPath(data, expression, ctx.state.vars));
    // As a call step's: an empty capture would make a later `${name}` an empty filter that matches anything.
    if (Array.isArray(value) && value.length === 0) return { status: 'failed', message: `${describe(step)}: capture ${name} (${expr}) found nothing in journal #${hit.id}`, evidence: [hit.id] };
    ctx.state.vars[name] = value;
  }
  return { status: 'passed', message: `${describe(step)}: journal #${hit.id} ${hit.method} ${hit.url} → ${hit.status ?? hit.error ?? '?'} at ${hit.time}`, evidence: [hit.id] };
}

function refused(step: ExpectStep, hit: JournalEntry): StepOutcome {
  return { status: 'failed', message: `expected no ${describe(step)}, but journal #${hit.id} ${hit.method} ${hit.url} → ${hit.status}`, evidence: [hit.id] };
}

/** `response:Bundle.id` → ['response', 'Bundle.id']; a bare expression reads the request body. */
function splitPart(expr: string): ['request' | 'response' | 'entry', string] {
  const m = /^(request|response|entry):(.*)$/s.exec(expr);
  return m ? [m[1] as 'request' | 'response' | 'entry', m[2]!.trim()] : ['request', expr];
}

function describe(step: ExpectStep): string {
  const parts = [step.direction === 'inbound' ? `call to ${step.system}` : `delivery from ${step.system}`];
  if (step.event) parts.push(`event ${step.event}`);
  if (step.method) parts.push(step.method);
  if (step.path) parts.push(`at ${step.path}`);
  if (step.status !== undefined) parts.push(`answered ${step.status}`);
  if (step.where) parts.push(`where ${step.where}`);
  if (step.referral) parts.push(`about referral ${step.referral}`);
  return parts.join(' ');
}

function pick(o: Record<string, unknown>, keysOf: Record<string, unknown> = o): Record<string, unknown> {
  return Object.fromEntries(Object.keys(keysOf).filter((k) => keysOf[k] !== undefined).map((k) => [k, o[k] ?? null]));
}
