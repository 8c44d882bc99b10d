// The exchanges that decided a worksheet row: which were with the partner's own system, and what they carried.
import { CALLBACK_CORRELATION, FAULT_CORRELATION, LENIENT_CORRELATION, maskBody, REFUSED_ENTRIES, SANDBOX_UI_HEADER, type JournalEntry } from '../../journal/index.js';
import type { ScenarioResult } from '../run-scenarios.js';
import { REFERENCE_POS_HEADER } from '../../pos/receiver/ocean-client.js';
import { RUNNER_HEADER } from '../sandbox-client.js';
import { journalJson } from '../step-context.js';
import { messageEvent } from '../steps/expect-step.js';
import { pathOf, useCaseOf } from '../record/exchange-steps.js';
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
  /** A refusal inside a 2xx answer (see judgeAnswer). */
  refusal?: string;
  /** Why a 2xx answer cannot be judged (see judgeAnswer). */
  unreadable?: string;
  /** What the sandbox accepted though the real system may refuse it (the entry's LENIENT_CORRELATION). */
  lenient?: string;
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
export function isOwnExchange(e: JournalEntry, partner: string, sandbox: string, ownEndpoints?: readonly string[]): boolean {
  if (e.partner && e.partner !== partner) return false;
  // What a simulated fault answered in the partner's place (a 2xx included) says nothing of the partner's system.
  if (Object.hasOwn(e.correlation, FAULT_CORRELATION)) return false;
  // The sandbox's deliveries count only to the partner's own endpoints, when the run knows them: another vendor's,
  // registered under the same (shared) partner, is not this one's evidence. A call-back goes below its base URL.
  if (e.direction === 'outbound' && ownEndpoints !== undefined && Object.hasOwn(e.correlation, 'delivery') && !ownEndpoints.some((u) => e.url === u || (Object.hasOwn(e.correlation, CALLBACK_CORRELATION) && e.url.startsWith(`${u.replace(/\/$/, '')}/`)))) return false;
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

/** What a 2xx answer says underneath its status. */
export interface AnswerVerdict {
  /** The refusal inside it (see judgeAnswer). */
  refusal?: string;
  /** Why it cannot be judged: the journal kept only the start of it. */
  unreadable?: string;
}

/**
 * Whether an answer whose HTTP status is 2xx refused anyway: an error or fatal OperationOutcome anywhere in it (a
 * Parameters answer, a batch or transaction response, a message's contained resources), a bundle entry answered
 * with a non-2xx status, a response message whose code is not ok, a batch the sandbox counted refused entries of,
 * an HL7v3 AE/AR acknowledgement, an HL7v3 error detail or BCHCIM error code (HCIM's Nak acknowledges with CA), a SOAP
 * Fault, or a FHIR XML OperationOutcome of error severity. An answer the
 * journal cut is judged on what it kept; when the refusal could lie beyond the cut (a partner's answer, a batch),
 * it cannot be judged, and a row it decided is not a Pass.
 */
export function judgeAnswer(e: JournalEntry): AnswerVerdict {
  const refused = Object.hasOwn(e.correlation, REFUSED_ENTRIES) ? Number(e.correlation[REFUSED_ENTRIES]) : 0;
  if (refused > 0) return { refusal: `${refused} of the batch's entries refused` };
  const text = e.response?.body ?? '';
  const cut = e.response?.truncated === true;
  if (!text && !cut) return {};
  // XML, also after a preamble (a MIME part's headers, a text line): an envelope, an acknowledgement or an outcome in it.
  const xmlAt = /^\s*</.test(text) ? 0 : text.search(/<([\w.-]+:)?(Envelope|acknowledgement|OperationOutcome)[\s>]/);
  const found = xmlAt >= 0 ? refusalInXml(text.slice(xmlAt)) : refusalInJson(e, text);
  if (found) return { refusal: found };
  const couldHide = e.direction === 'outbound' || /\/\$batch$|\/fhir-rs\/?$/.test(pathOf(e.url));
  if (!cut || !couldHide) return {};
  return { unreadable: text ? `the answer was longer than the journal keeps (${text.length.toLocaleString('en-CA')} characters): what it said after that cannot be judged` : "the answer's body could not be read (it broke off or did not decode): what it said cannot be judged" };
}

/** The start tag that begins at `at` (to its `>`, or the end of a text cut inside it), its attributes in any order. */
const startTagAt = (text: string, at: number): string => text.slice(at, text.indexOf('>', at) + 1 || undefined);

/**
 * The type code of an HL7v3 acknowledgement: an attribute of its own start tag, else the code of its first typeCode
 * element (`<typeCode code="AE"/>`, as some stacks write it); never the typeCode of an acknowledgementDetail after it.
 */
function ackTypeCode(text: string): string | undefined {
  const at = text.search(/<([\w.-]+:)?acknowledgement[\s>/]/);
  if (at < 0) return undefined;
  const startTag = startTagAt(text, at);
  const attribute = /\stypeCode\s*=\s*["'](\w+)["']/.exec(startTag);
  if (attribute) return attribute[1]!.toUpperCase();
  // The element, up to the acknowledgement's end (or the answer's): its first typeCode child.
  const end = text.indexOf('acknowledgement>', at + startTag.length);
  const inside = text.slice(at + startTag.length, end < 0 ? undefined : end);
  const element = inside.search(/<([\w.-]+:)?typeCode[\s/>]/);
  if (element < 0) return undefined;
  const tag = startTagAt(inside, element);
  return /\scode\s*=\s*["'](\w+)["']/.exec(tag)?.[1]?.toUpperCase();
}

/** HL7v3 acknowledgement codes that refuse: application error or reject, commit error or reject. */
const REFUSING_ACKS: ReadonlySet<string> = new Set(['AE', 'AR', 'CE', 'CR']);

/**
 * An HL7v3 refusal that is not the acknowledgement's type: an acknowledgementDetail typed E, or a BCHCIM code of error
 * severity (`BCHCIM.<transaction>.2.<number>`) as the code of a detail, an acceptAckCode, a queryResponseCode or a
 * controlActProcess reasonCode. HCIM's Nak acknowledges with CA and refuses only through it (the death-date ESB's
 * validHcimOut.xml), its query errors put it in acceptAckCode and queryAck (HNWeb's *_Error.xml samples), and the
 * PersonRevised Result, Accepted and Rejected carry their codes as reasonCodes (the ESB's JAXB classes).
 */
function hl7ErrorIn(text: string): string | undefined {
  const tags = /<(?:[\w.-]+:)?(code|acceptAckCode|queryResponseCode|reasonCode|acknowledgementDetail)[\s/>]/g;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const tag = startTagAt(text, m.index);
    if (m[1] === 'acknowledgementDetail') {
      if (/\stypeCode\s*=\s*["']E["']/i.test(tag)) return 'an HL7v3 acknowledgementDetail of type E';
      continue;
    }
    const code = /\scode\s*=\s*["']\s*(BCHCIM\.[A-Z]+\.2\.\d+)/i.exec(tag)?.[1];
    if (code) return `an HL7v3 answer with the error ${code.toUpperCase()}`;
  }
  return undefined;
}

function refusalInXml(text: string): string | undefined {
  if (/<([\w.-]+:)?Fault[\s>/]/.test(text)) return 'a SOAP Fault';
  const ack = ackTypeCode(text);
  if (ack !== undefined && REFUSING_ACKS.has(ack)) return `an HL7v3 ${ack} acknowledgement`;
  const hl7Error = hl7ErrorIn(text);
  if (hl7Error) return hl7Error;
  // Each severity element's own tag (its attributes in any order).
  const severities = /<([\w.-]+:)?severity[\s/>]/g;
  for (let m = severities.exec(text); m; m = severities.exec(text)) {
    const tag = startTagAt(text, m.index);
    const value = /\svalue\s*=\s*["'](\w+)["']/.exec(tag)?.[1]?.toLowerCase();
    if (value === 'error' || value === 'fatal') return `an OperationOutcome of ${value} severity`;
  }
  return undefined;
}

function refusalInJson(e: JournalEntry, text: string): string | undefined {
  const body = journalJson(e, 'response');
  // A plain JSON error answer ({"error": ...}, as many web frameworks write one).
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && !Object.hasOwn(body, 'resourceType') && (body as Node).error) return 'an error answer';
  if (body !== undefined) return refusalIn(body);
  // Cut (or not JSON): what the kept text says, read as text.
  const severity = /"severity"\s*:\s*"(error|fatal)"/i.exec(text);
  if (severity) return `an OperationOutcome of ${severity[1]!.toLowerCase()} severity`;
  const status = /"status"\s*:\s*"\s*([45]\d\d)\b/.exec(text);
  if (status) return `an entry answered ${status[1]}`;
  const code = /"code"\s*:\s*"(fatal-error|transient-error)"/.exec(text);
  return code ? `a response message coded ${code[1]}` : undefined;
}

type Node = Record<string, unknown>;

/** The first refusal anywhere in a parsed answer (its nesting is bounded: the journal parses only what it kept). */
function refusalIn(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  for (let seen = 0; stack.length && seen < 200_000; seen++) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const node = v as Node;
    if (node.resourceType === 'OperationOutcome') {
      type Issue = { severity?: unknown; diagnostics?: string; details?: { text?: string } } | null;
      const issues = (Array.isArray(node.issue) ? node.issue : [node.issue]) as Issue[];
      const issue = issues.find((i) => typeof i?.severity === 'string' && ['error', 'fatal'].includes(i.severity.toLowerCase()));
      if (issue) return `an error OperationOutcome (${issue.diagnostics ?? issue.details?.text ?? 'no diagnostics'})`;
    }
    const response = node.response as { status?: unknown; code?: unknown } | undefined;
    if (response && typeof response === 'object') {
      if (typeof response.status === 'string' && /^\s*[45]\d\d\b/.test(response.status)) return `an entry answered "${response.status.trim()}"`;
      if (typeof response.status === 'number' && response.status >= 400 && response.status < 600) return `an entry answered ${response.status}`;
      if (node.resourceType === 'MessageHeader' && typeof response.code === 'string' && response.code !== 'ok') return `a response message coded ${response.code}`;
    }
    for (const key of Object.keys(node)) stack.push(node[key]);
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
  // What the other side answered: a refusal, and any answer of a partner's endpoint (a 2xx may refuse too).
  if ((e.status ?? 0) >= 400 || e.error || (e.direction === 'outbound' && e.response?.body)) parts.push(`answer: ${e.error ?? e.response?.body ?? ''}`);
  return maskExcerpt(parts.join('; '));
}

/** The journal entries that decided a scenario's steps: what its expect/assert steps matched, and what a failing step saw. */
function* decidingEntries(result: ScenarioResult, journal: ReadonlyMap<string, JournalEntry>): Generator<{ step: ScenarioResult['steps'][number]; outcome: Exchange['outcome']; e: JournalEntry }> {
  for (const step of result.steps) {
    const outcome = step.status;
    if (outcome !== 'passed' && outcome !== 'failed') continue;
    for (const id of step.evidence) {
      const e = journal.get(id);
      if (e) yield { step, outcome, e };
    }
  }
}

/** The exchanges behind a scenario result (decidingEntries), with what the worksheet shows of each. */
export function exchangesOf(result: ScenarioResult, journal: ReadonlyMap<string, JournalEntry>, partner: string, sandbox: string, ownEndpoints?: readonly string[]): Exchange[] {
  const out: Exchange[] = [];
  for (const { step, outcome, e } of decidingEntries(result, journal)) {
    const shows = useCaseOf(e);
    const { refusal, unreadable } = (e.status ?? 0) >= 200 && (e.status ?? 0) < 300 ? judgeAnswer(e) : {};
    const lenient = Object.hasOwn(e.correlation, LENIENT_CORRELATION) ? e.correlation[LENIENT_CORRELATION] : undefined;
    out.push({
      journal: e.id,
      time: e.time,
      system: e.system,
      direction: e.direction,
      method: e.method,
      url: e.url,
      status: e.status,
      excerpt: excerptOf(e),
      own: isOwnExchange(e, partner, sandbox, ownEndpoints),
      ...(refusal ? { refusal } : {}),
      ...(unreadable ? { unreadable } : {}),
      ...(lenient ? { lenient } : {}),
      ...(shows ? { shows: { list: shows.list, name: shows.name } } : {}),
      step: `${step.index + 1} ${step.title}`,
      outcome,
    });
  }
  return out;
}

/**
 * Whose exchanges decided a scenario's steps: the partner's own system, or the runner and the sandbox's reference POS.
 * A replay that only the latter decided is green without saying anything of the partner's POS; the reports say so.
 */
export function decidedBy(result: ScenarioResult, journal: ReadonlyMap<string, JournalEntry>, partner: string, sandbox: string): { partner: number; other: number } {
  const counts = { partner: 0, other: 0 };
  for (const { e } of decidingEntries(result, journal)) counts[isOwnExchange(e, partner, sandbox) ? 'partner' : 'other'] += 1;
  return counts;
}
