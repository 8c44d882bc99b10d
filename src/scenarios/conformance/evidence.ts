// The exchanges that decided a worksheet row: which were with the partner's own system, and what they carried.
import { FAULT_CORRELATION, maskBody, SANDBOX_UI_HEADER, type JournalEntry } from '../../journal/index.js';
import type { ScenarioResult } from '../run-scenarios.js';
import { REFERENCE_POS_HEADER } from '../../pos/receiver/ocean-client.js';
import { RUNNER_HEADER } from '../sandbox-client.js';
import { journalJson } from '../step-context.js';
import { messageEvent } from '../steps/expect-step.js';
import { useCaseOf } from '../record/exchange-steps.js';
import type { UseCaseRef } from '../types.js';
import { isReferencePos } from './partner-endpoints.js';
import { valuesIn } from './status-map.js';

/** One exchange as the worksheet embeds it. */
export interface Exchange {
  journal: string;
  /** Simulated time. */
  time: string;
  system: string;
  direction: 'inbound' | 'outbound';
  method: string;
  url: string;
  status?: number;
  /** The relevant part of the body (event, statuses, the refusal), secrets masked. */
  excerpt: string;
  /** True when the other end was the partner's own system, not the runner or the sandbox's reference POS. */
  own: boolean;
  /** A refusal inside a 2xx answer (see refusalInside). */
  refusal?: string;
  /** The use case the exchange itself shows (its event or operation), when the catalogue names one. */
  shows?: Pick<UseCaseRef, 'list' | 'name'>;
  /** The scenario step it decided (`3 expect ...`) and how that step ended. */
  step: string;
  outcome: 'passed' | 'failed';
}

const EXCERPT = 400;
const BEARER = /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Masks credentials, then cuts the text for the worksheet. */
export function maskExcerpt(text: string, max = EXCERPT): string {
  const masked = (maskBody(text, Number.MAX_SAFE_INTEGER).body ?? '').replace(BEARER, '$1 ***');
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}

/** Whether an exchange was with the partner's own system (see Exchange.own). */
export function isOwnExchange(e: JournalEntry, partner: string, sandbox: string): boolean {
  if (e.partner && e.partner !== partner) return false;
  // What a simulated fault answered in the partner's place (a 2xx included) says nothing of the partner's system.
  if (Object.hasOwn(e.correlation, FAULT_CORRELATION)) return false;
  if (e.direction === 'outbound') return !isReferencePos(e.url, sandbox) && !answeredByReferencePos(e) && !e.url.startsWith(`${sandbox}/admin`);
  if ([RUNNER_HEADER, REFERENCE_POS_HEADER, SANDBOX_UI_HEADER].some((h) => Object.hasOwn(e.request.headers, h))) return false;
  // A call is the partner's when its credentials say so: with none (authentication off, or a call without a token),
  // anyone on the machine could have made it.
  if (e.partner !== partner) return false;
  const source = (journalJson(e, 'request') as { entry?: Array<{ resource?: { resourceType?: string; source?: { endpoint?: string } } }> } | undefined)?.entry?.find((x) => x.resource?.resourceType === 'MessageHeader')?.resource?.source?.endpoint;
  return !(source && isReferencePos(source, sandbox));
}

/** A delivery the sandbox's reference POS answered (it marks its answers), whatever URL it was sent to. */
function answeredByReferencePos(e: JournalEntry): boolean {
  const headers = e.response?.headers ?? {};
  return Object.keys(headers).some((name) => name.toLowerCase() === REFERENCE_POS_HEADER);
}

/**
 * The refusal inside an answer whose HTTP status is 2xx, when there is one: an error OperationOutcome, an entry of a
 * batch or transaction response with a non-2xx status or an error outcome, an HL7v3 AE/AR acknowledgement or a SOAP
 * Fault. An exchange answered so is a refusal, not evidence of conformance.
 */
export function refusalInside(e: JournalEntry): string | undefined {
  const text = e.response?.body;
  if (!text) return undefined;
  if (/^\s*</.test(text)) {
    if (/<(\w+:)?Fault[\s>]/.test(text)) return 'a SOAP Fault';
    // The acknowledgement's type code follows its opening tag closely: read only that much of the answer.
    const at = text.search(/<(\w+:)?acknowledgement[\s>]/);
    const ack = at < 0 ? undefined : /typeCode[^>]{0,200}?code="(AE|AR)"|typeCode="(AE|AR)"/.exec(text.slice(at, at + 400));
    return ack ? `an HL7v3 ${ack[1] ?? ack[2]} acknowledgement` : undefined;
  }
  const body = journalJson(e, 'response');
  return errorIn(body, '');
}

type Outcomeish = { resourceType?: string; issue?: Array<{ severity?: string; diagnostics?: string; details?: { text?: string } }>; entry?: Array<{ resource?: Outcomeish; response?: { status?: string; outcome?: Outcomeish } }> };

function errorIn(value: unknown, where: string): string | undefined {
  const r = value as Outcomeish | undefined;
  if (r?.resourceType === 'OperationOutcome') {
    const issue = r.issue?.find((i) => i.severity === 'error' || i.severity === 'fatal');
    return issue ? `an error OperationOutcome${where} (${issue.diagnostics ?? issue.details?.text ?? 'no diagnostics'})` : undefined;
  }
  if (r?.resourceType !== 'Bundle') return undefined;
  for (const [i, x] of (r.entry ?? []).entries()) {
    const status = x.response?.status;
    if (status !== undefined && !/^2\d\d\b/.test(status)) return `entry ${i + 1} answered "${status}"`;
    const inner = errorIn(x.response?.outcome, ` in entry ${i + 1}`) ?? (x.resource?.resourceType === 'OperationOutcome' ? errorIn(x.resource, ` in entry ${i + 1}`) : undefined);
    if (inner) return inner;
  }
  return undefined;
}

/** What an exchange carried, in a line or two: the event and values for messages, else the start of the body; the refusal for errors. */
export function excerptOf(e: JournalEntry): string {
  const body = journalJson(e, 'request');
  const parts: string[] = [];
  const event = messageEvent(body);
  if (event) parts.push(`event ${event}`, ...valuesIn(e));
  else if (e.request.body) parts.push(e.request.body);
  if ((e.status ?? 0) >= 400 || e.error) parts.push(`answer: ${e.error ?? e.response?.body ?? ''}`);
  return maskExcerpt(parts.join('; '));
}

/** The exchanges behind a scenario result: what its expect/assert steps matched, and what a failing step saw. */
export function exchangesOf(result: ScenarioResult, journal: ReadonlyMap<string, JournalEntry>, partner: string, sandbox: string): Exchange[] {
  const out: Exchange[] = [];
  for (const step of result.steps) {
    if (step.status !== 'passed' && step.status !== 'failed') continue;
    for (const id of step.evidence) {
      const e = journal.get(id);
      if (!e) continue;
      const shows = useCaseOf(e);
      const refusal = (e.status ?? 0) >= 200 && (e.status ?? 0) < 300 ? refusalInside(e) : undefined;
      out.push({
        journal: e.id,
        time: e.time,
        system: e.system,
        direction: e.direction,
        method: e.method,
        url: e.url,
        status: e.status,
        excerpt: excerptOf(e),
        own: isOwnExchange(e, partner, sandbox),
        ...(refusal ? { refusal } : {}),
        ...(shows ? { shows: { list: shows.list, name: shows.name } } : {}),
        step: `${step.index + 1} ${step.title}`,
        outcome: step.status,
      });
    }
  }
  return out;
}
