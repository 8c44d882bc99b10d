// Ocean's HTTP calls to the launching EHR ({iss}): real requests, journaled, with errors turned into LaunchErrors.
import { readTextCapped } from '../../http/read-capped.js';
import type { AppDeps } from '../../app-deps.js';
import { maskBody, maskHeaders } from '../../journal/index.js';
import { LaunchError, type LaunchStep } from './launch-error.js';

export interface OutboundResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface OutboundRequest {
  step: LaunchStep;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Correlation ids for the journal (the launch state). */
  correlation: Record<string, string>;
  /** The partner whose Ocean site the EHR launched into, when known: the call is journaled as that partner's. */
  partner?: string;
}

const TIMEOUT_MS = 15_000;

/** The most of an EHR's answer Ocean reads (a chart's `$everything` is a few hundred KB; the EHR decides what it sends). */
const EHR_ANSWER_BYTES = 16 * 1024 * 1024;

/** Sends one request to the EHR. Network failures and timeouts become a LaunchError for `step`. */
export async function callEhr(deps: AppDeps, req: OutboundRequest): Promise<OutboundResponse> {
  const started = performance.now();
  const headers = { accept: 'application/json', ...req.headers };
  const entry = {
    time: deps.clock.iso(),
    system: 'ocean',
    direction: 'outbound' as const,
    ...(req.partner ? { partner: req.partner } : {}),
    method: req.method ?? 'GET',
    url: req.url,
    request: { headers: maskHeaders(headers), ...maskBody(req.body, deps.config.journalBodyCap) },
    correlation: req.correlation,
  };
  let res: Response;
  let text: string;
  try {
    res = await fetch(req.url, { method: req.method ?? 'GET', headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const read = await readTextCapped(res, EHR_ANSWER_BYTES);
    if (read.truncated) throw new Error(`the answer is larger than ${EHR_ANSWER_BYTES / 1024 / 1024} MiB`);
    text = read.text;
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : `${(err as Error).message}${(err as { cause?: Error }).cause ? ` (${(err as { cause: Error }).cause.message})` : ''}`;
    deps.journal.record({ ...entry, durationMs: Math.round(performance.now() - started), error: reason });
    throw new LaunchError(req.step, `Ocean could not reach ${req.url}: ${reason}`);
  }
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => (responseHeaders[k] = v));
  deps.journal.record({
    ...entry,
    status: res.status,
    durationMs: Math.round(performance.now() - started),
    response: { headers: maskHeaders(responseHeaders), ...maskBody(text, deps.config.journalBodyCap) },
  });
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A short, safe excerpt of a body for an error message. */
export function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t || '(empty body)';
}
