// The step vocabulary: one runner per kind.
import type { StepContext, StepOutcome } from '../step-context.js';
import type { Step } from '../types.js';
import { runAssert } from './assert-step.js';
import { runCall } from './call-step.js';
import { runExpect } from './expect-step.js';
import { runSend } from './send-step.js';
import { runAdvance, runFault, runNarrate } from './simple-steps.js';

export { clearFaults } from './simple-steps.js';
export { SEND_TABLE } from './send-table.js';

/** Runs one (already interpolated) step. */
export function runStep(ctx: StepContext, step: Step): Promise<StepOutcome> {
  switch (step.kind) {
    case 'send':
      return runSend(ctx, step);
    case 'expect':
      return runExpect(ctx, step);
    case 'call':
      return runCall(ctx, step);
    case 'advance':
      return runAdvance(ctx, step);
    case 'fault':
      return runFault(ctx, step);
    case 'assert':
      return runAssert(ctx, step);
    case 'narrate':
      return runNarrate(ctx, step);
  }
}
