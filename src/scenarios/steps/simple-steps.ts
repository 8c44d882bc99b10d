// advance, fault and narrate: the clock, armed faults and the trainer's text.
import type { StepContext, StepOutcome } from '../step-context.js';
import type { AdvanceStep, FaultStep, NarrateStep } from '../types.js';

/** Moves the simulated clock; the sandbox fires due timers and waits for deliveries before answering. */
export async function runAdvance(ctx: StepContext, step: AdvanceStep): Promise<StepOutcome> {
  const c = await ctx.target.sandbox.admin<{ now: string }>('POST', '/clock/advance', { duration: step.duration });
  return { status: 'passed', message: `clock advanced by ${step.duration} to ${c.now}` };
}

/** Arms a fault at a declared seam (scoped to the partner by default), or clears this run's faults. */
export async function runFault(ctx: StepContext, step: FaultStep): Promise<StepOutcome> {
  const { sandbox, partner } = ctx.target;
  if (step.clear) {
    const n = await clearFaults(ctx);
    return { status: 'passed', message: `cleared ${n} fault(s) armed by this scenario` };
  }
  const rule = await sandbox.admin<{ id: string }>('POST', '/faults', { seam: step.seam, effect: step.effect, times: step.times, partner: step.partnerOnly ? partner : undefined });
  ctx.state.faults.push(rule.id);
  const what = step.effect.kind === 'status' ? `HTTP ${step.effect.status}` : step.effect.kind;
  return { status: 'passed', message: `armed ${what} at ${step.seam}${step.times ? ` for ${step.times} firing(s)` : ' until cleared'}` };
}

/** Clears the faults this run armed (those already used up are gone). */
export async function clearFaults(ctx: StepContext): Promise<number> {
  let n = 0;
  for (const id of ctx.state.faults.splice(0)) {
    const res = await ctx.target.sandbox.request('DELETE', `/admin/faults/${id}`);
    if (res.status < 300) n += 1;
  }
  return n;
}

export async function runNarrate(_ctx: StepContext, step: NarrateStep): Promise<StepOutcome> {
  return { status: 'passed', message: step.text.split('\n')[0]!, narration: step.text };
}
