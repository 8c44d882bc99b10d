// assert: FHIRPath over a captured value, a journal entry, or what a sandbox GET returns (the store as the admin API shows it).
import type { JournalEntry } from '../../journal/index.js';
import { diffJson, sameJson, sameMasked } from '../diff.js';
import { evaluateFhirPath, isTruthy, single } from '../fhirpath.js';
import { lookup } from '../interpolate.js';
import { describeError } from '../sandbox-client.js';
import { journalJson, type StepContext, type StepOutcome } from '../step-context.js';
import type { AssertStep } from '../types.js';

export async function runAssert(ctx: StepContext, step: AssertStep): Promise<StepOutcome> {
  const { sandbox } = ctx.target;
  let data: unknown;
  let where: string;
  const evidence: string[] = [];
  const src = step.source;
  if ('capture' in src) {
    data = lookup(ctx.state.vars, src.capture);
    where = `\${${src.capture}}`;
  } else if ('journal' in src) {
    const entry = await sandbox.admin<JournalEntry>('GET', `/journal/${encodeURIComponent(src.journal)}`);
    data = src.part === 'entry' ? entry : journalJson(entry, src.part);
    where = `journal #${entry.id} (${src.part})`;
    evidence.push(entry.id);
  } else {
    const res = await sandbox.request('GET', src.get);
    if (res.status >= 400) return { status: 'failed', message: `GET ${src.get} answered ${res.status}: ${describeError(res)}` };
    data = res.json ?? res.text;
    where = `GET ${src.get}`;
  }
  const result = evaluateFhirPath(data, step.expression, ctx.state.vars);
  const label = step.message ?? step.expression;
  if (step.equals !== undefined) {
    const actual = single(result);
    // Exactly: `equals: "${ref}"` must be that referral, not any UUID (masking is for showing diffs, not for deciding).
    if (sameJson(step.equals, actual)) return { status: 'passed', message: `${label} = ${short(actual)} (${where})`, evidence };
    return { status: 'failed', message: `${label}: expected ${short(step.equals)}, got ${short(actual)} (${where})`, diff: diffJson(step.equals, actual, 60, !sameMasked(step.equals, actual)), evidence };
  }
  const want = step.exists ?? true;
  if (isTruthy(result) === want) return { status: 'passed', message: `${label} ${want ? 'holds' : 'is empty/false, as expected'} (${where})`, evidence };
  return { status: 'failed', message: `${label} ${want ? 'does not hold' : 'should be empty/false'} (${where}); got ${short(single(result))}`, evidence };
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
