// Ocean's endpoint validation: POST {"challenge": X}; the endpoint must answer 200 with {"challenge": X}.
import { readTextCapped } from '../../http/read-capped.js';
import { createOutboundAuthorizer } from '../../delivery/index.js';
import { businessRule } from '../../fhir/errors.js';
import { maskBody, maskHeaders } from '../../journal/index.js';
import type { OceanContext } from '../context.js';
import type { IntegrationAuth } from '../model.js';

const TIMEOUT_MS = 10_000;

/**
 * Sends the challenge with the integration's own authentication and journals the exchange; throws a 422
 * outcome saying what the endpoint did wrong. See: docs/ocean.md#webhook-registration.
 */
export async function challengeEndpoint(ctx: OceanContext, url: string, auth: IntegrationAuth, challenge: string, partner?: string): Promise<void> {
  const { deps } = ctx;
  const body = JSON.stringify({ challenge });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const started = deps.clock.iso();
  const t0 = performance.now();
  let status: number | undefined;
  let text = '';
  let error: string | undefined;
  try {
    const authorization = await createOutboundAuthorizer(deps.clock)(auth);
    if (authorization) headers.authorization = authorization;
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = res.status;
    // A challenge's echo is a few bytes: what comes beyond the journal's cap is not read.
    text = (await readTextCapped(res, deps.config.journalBodyCap).catch(() => ({ text: '' }))).text;
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    error = e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.message ?? String(err));
  }
  deps.journal.record({
    time: started,
    system: 'ocean',
    partner,
    direction: 'outbound',
    method: 'POST',
    url,
    status,
    durationMs: Math.round(performance.now() - t0),
    request: { headers: maskHeaders(headers), ...maskBody(body, deps.config.journalBodyCap) },
    response: { headers: {}, ...maskBody(text, deps.config.journalBodyCap) },
    correlation: { challenge },
    error,
  });
  if (error) throw businessRule(`endpoint validation failed: ${url} could not be reached (${error})`);
  if (status !== 200) {
    const redirect = status !== undefined && status >= 300 && status < 400 ? ' (redirects are not followed: register the URL that answers)' : '';
    throw businessRule(`endpoint validation failed: ${url} answered HTTP ${status} to the challenge${redirect}; it must answer 200 with {"challenge": "<the value sent>"}`);
  }
  let echoed: unknown;
  try {
    echoed = (JSON.parse(text) as { challenge?: unknown }).challenge;
  } catch {
    echoed = undefined;
  }
  if (echoed !== challenge) throw businessRule(`endpoint validation failed: ${url} did not echo the challenge; answer {"challenge": "${challenge}"}`);
}
