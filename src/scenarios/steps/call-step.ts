// call: the sandbox's own API (admin, FHIR) or the target's driver; checks the status and captures from the answer.
import { diffJson } from '../diff.js';
import { evaluateFhirPath, single } from '../fhirpath.js';
import { describeError, type HttpResult } from '../sandbox-client.js';
import { statusMatches, type StepContext, type StepOutcome } from '../step-context.js';
import type { CallStep } from '../types.js';
import { partnerToken } from './partner-token.js';

/** Runs a call step; the response is kept as `${last}` ({status, body, headers, url}) for later asserts and as `%last` in FHIRPath. */
export async function runCall(ctx: StepContext, step: CallStep): Promise<StepOutcome> {
  const { sandbox, driverUrl } = ctx.target;
  if (step.on === 'target' && !driverUrl) {
    // What this step would have captured is unknown now: steps that need it are skipped too, not errors.
    for (const name of Object.keys(step.capture)) ctx.state.skippedVars.add(name);
    return { status: 'skipped', message: `no driver for the target: make your system do ${step.method} ${step.path} now (the next expect waits for it)` };
  }
  const headers = { ...step.headers };
  if (step.auth === 'partner') headers.authorization = `Bearer ${await partnerToken(ctx)}`;
  const url = step.on === 'target' ? `${driverUrl!.replace(/\/$/, '')}${step.path}` : step.path;
  const res = await sandbox.request(step.method, url, step.body, headers);
  return checkAnswer(ctx, `${step.method} ${step.path}`, res, step.status, step.capture);
}

/**
 * Shared by call and send: status check, `${last}`, captures (FHIRPath over the JSON body; over
 * `{status, body, headers, url}` when the answer is not JSON, such as a SMART launch's HTML page).
 */
export function checkAnswer(ctx: StepContext, what: string, res: HttpResult, status: number | string | undefined, capture: Record<string, string>): StepOutcome {
  const body = res.json ?? res.text;
  ctx.state.vars.last = { status: res.status, body, headers: res.headers, url: res.url };
  const wanted = status ?? '2xx';
  if (!statusMatches(wanted, res.status)) {
    return {
      status: 'failed',
      message: `${what} answered ${res.status}, expected ${wanted}: ${describeError(res)}`,
      diff: diffJson({ status: wanted }, { status: res.status, body: res.json ?? res.text.slice(0, 500) }),
    };
  }
  for (const [name, expr] of Object.entries(capture)) {
    const value = single(evaluateFhirPath(res.json ?? ctx.state.vars.last, expr, ctx.state.vars));
    if (Array.isArray(value) && value.length === 0) return { status: 'failed', message: `${what}: capture ${name} (${expr}) found nothing in the answer`, diff: diffJson({ [name]: `<${expr}>` }, body) };
    ctx.state.vars[name] = value;
  }
  return { status: 'passed', message: `${what} → ${res.status}${Object.keys(capture).length ? ` (captured ${Object.keys(capture).join(', ')})` : ''}` };
}
