// send: the sandbox, as Ocean, PLR or HCIM, pushes a message to the target (through that system's admin API).
import type { StepContext, StepOutcome } from '../step-context.js';
import type { SendStep } from '../types.js';
import { checkAnswer } from './call-step.js';
import { resolveSend } from './send-table.js';

export async function runSend(ctx: StepContext, step: SendStep): Promise<StepOutcome> {
  const req = resolveSend(step.as, step.message, step.with);
  const res = await ctx.target.sandbox.request(req.method, req.path, req.body);
  const outcome = checkAnswer(ctx, `${step.as} send ${step.message} (${req.method} ${req.path})`, res, '2xx', step.capture);
  return outcome;
}
