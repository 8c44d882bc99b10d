// Runs scenarios from start to end: isolation by snapshot, stop at the first failing step, results for the reports.
import { randomBytes } from 'node:crypto';
import { acquireRunLease } from './run-lease-client.js';
import { createScenarioSession } from './session.js';
import type { ScenarioTarget, StepResult, StepStatus } from './step-context.js';
import type { Scenario, UseCaseRef } from './types.js';

/** What the steps did: `passed` when none failed, even if checks were skipped (see `unverified` and verdictOf). */
export type ScenarioStatus = 'passed' | 'failed' | 'error';

/** What a report says of a scenario: a pass with skipped checks is `unverified`, never a pass. */
export type ScenarioVerdict = ScenarioStatus | 'unverified';

export interface ScenarioResult {
  id: string;
  title: string;
  file?: string;
  system: Scenario['system'];
  role: Scenario['role'];
  useCases: UseCaseRef[];
  status: ScenarioStatus;
  /** The first failing step's message. */
  message?: string;
  diff?: string;
  steps: StepResult[];
  /** Checks (assert, expect) skipped because the target had no driver: the scenario passed without proving them. */
  unverified: number;
  /** Every journal id the steps cite. */
  evidence: string[];
  /** True when the scenario has the POS launch Ocean (a call to the target's launch): its launch must be the partner's. */
  launches?: boolean;
  /**
   * How many of the exchanges that decided its steps were with the partner's own system, and how many with the runner
   * or the sandbox's reference POS (`scenario run` fills it in from the journal; see decidedBy in conformance/evidence).
   */
  decidedBy?: { partner: number; other: number };
  durationMs: number;
}

export interface RunReport {
  startedAt: string;
  /** The sandbox's simulated time when the run ended, before the clock was put back. */
  endedAt?: string;
  sandbox: string;
  partner: string;
  results: ScenarioResult[];
  /** By status: `passed` includes the unverified scenarios, which the reports count apart (countVerdicts). */
  totals: { passed: number; failed: number; error: number; durationMs: number };
}

export interface RunOptions {
  /** Restore a baseline snapshot before each scenario so they do not see each other's state (default true). */
  isolate?: boolean;
  /** Called after each step (the CLI prints its step log from this). */
  onStep?: (scenario: Scenario, result: StepResult) => void;
  onScenario?: (result: ScenarioResult) => void;
  /** Called once when another run holds the sandbox and this one waits for it. */
  onWait?: (holder: string) => void;
}


/** Whether a scenario has the POS launch Ocean: a call to the target's `/emr/patients/{id}/launch` (see the library). */
export function launchesOcean(scenario: Scenario): boolean {
  return scenario.steps.some(({ step }) => step.kind === 'call' && step.on === 'target' && /\/launch$/.test(step.path.split(/[?#]/, 1)[0]!));
}

/** Runs one scenario to its end (or its first failure). */
export async function runScenario(scenario: Scenario, target: ScenarioTarget, options: RunOptions = {}): Promise<ScenarioResult> {
  const t0 = performance.now();
  const session = createScenarioSession(scenario, target, { snapshots: false });
  const steps: StepResult[] = [];
  try {
    for (;;) {
      const r = await session.next();
      if (!r) break;
      steps.push(r);
      options.onStep?.(scenario, r);
      if (r.status === 'failed' || r.status === 'error') break;
    }
  } finally {
    await session.close();
  }
  const bad = steps.find((s) => s.status === 'failed' || s.status === 'error');
  const status: ScenarioStatus = bad ? (bad.status === 'error' ? 'error' : 'failed') : 'passed';
  return {
    id: scenario.id,
    title: scenario.title,
    file: scenario.file,
    system: scenario.system,
    role: scenario.role,
    useCases: scenario.useCases,
    status,
    message: bad ? `step ${bad.index + 1} (${bad.title}): ${bad.message}` : undefined,
    diff: bad?.diff,
    steps,
    unverified: steps.filter((s) => s.status === 'skipped' && (s.kind === 'assert' || s.kind === 'expect')).length,
    evidence: [...new Set(steps.flatMap((s) => s.evidence))],
    ...(launchesOcean(scenario) ? { launches: true } : {}),
    durationMs: Math.round(performance.now() - t0),
  };
}

/**
 * Runs scenarios in order and returns the report. The run leaves nothing behind: it holds the sandbox's run
 * lease (a second run, e.g. for another partner, waits its turn), restores its own baseline snapshot before each
 * scenario and at the end (receiver policies, registrations, captured state), deletes it, and puts the clock back
 * where it would be had the run not moved it (its start, plus the wall time that passed unless the clock is manual).
 */
export async function runScenarios(scenarios: Scenario[], target: ScenarioTarget, options: RunOptions = {}): Promise<RunReport> {
  const { sandbox } = target;
  const isolate = options.isolate ?? true;
  const lease = await acquireRunLease(sandbox, target.partner, options.onWait);
  const results: ScenarioResult[] = [];
  const t0 = performance.now();
  let startedAt = '';
  let endedAt: string | undefined;
  const baseline = `scn-run-${randomBytes(4).toString('hex')}`;
  try {
    const clock = await sandbox.admin<ClockView>('GET', '/clock');
    startedAt = clock.now;
    if (isolate) await sandbox.admin('POST', '/snapshots', { name: baseline });
    try {
      for (const s of scenarios) {
        await lease.renew();
        if (isolate) await sandbox.admin('POST', `/snapshots/${baseline}/restore`);
        const r = await runScenario(s, target, options);
        results.push(r);
        options.onScenario?.(r);
      }
      // The last scenario too ran while the run held the sandbox.
      await lease.renew();
    } finally {
      endedAt = (await sandbox.admin<ClockView>('GET', '/clock')).now;
      if (isolate) {
        await sandbox.request('POST', `/admin/snapshots/${baseline}/restore`);
        await sandbox.request('DELETE', `/admin/snapshots/${baseline}`);
      }
      await sandbox.request('POST', '/admin/clock/set', { time: restoredClock(clock, performance.now() - t0) });
    }
  } finally {
    await lease.release();
  }
  const count = (st: ScenarioStatus) => results.filter((r) => r.status === st).length;
  return {
    startedAt,
    endedAt,
    sandbox: sandbox.baseUrl,
    partner: target.partner,
    results,
    totals: { passed: count('passed'), failed: count('failed'), error: count('error'), durationMs: Math.round(performance.now() - t0) },
  };
}

interface ClockView {
  mode: 'real' | 'manual' | 'accelerated';
  factor?: number;
  now: string;
}

/** Where the clock would be without the run: its start, plus the wall time that passed at the clock's rate. */
export function restoredClock(start: ClockView, wallMs: number): string {
  const rate = start.mode === 'manual' ? 0 : start.mode === 'accelerated' ? (start.factor ?? 1) : 1;
  return new Date(Date.parse(start.now) + Math.round(wallMs * rate)).toISOString();
}

/**
 * A scenario's verdict for the reports, the CLI and its exit code. The conformance worksheet reads `status` and
 * `unverified` itself (its own "Not verified"), so the engine's status stays what the steps did.
 */
export function verdictOf(r: ScenarioResult): ScenarioVerdict {
  return r.status === 'passed' && r.unverified > 0 ? 'unverified' : r.status;
}

/** Scenarios by verdict. */
export function countVerdicts(results: readonly ScenarioResult[]): Record<ScenarioVerdict, number> {
  const n: Record<ScenarioVerdict, number> = { passed: 0, unverified: 0, failed: 0, error: 0 };
  for (const r of results) n[verdictOf(r)] += 1;
  return n;
}

/** Why an unverified scenario is not a pass, for the step log and the reports. */
export const unverifiedReason = (r: ScenarioResult): string =>
  `${r.unverified} check(s) skipped for want of a driver for the target: not verified (run with --driver, or check them in your POS)`;

/** A step status or verdict as a one-character mark for the step log. */
export function statusMark(s: StepStatus | ScenarioVerdict): string {
  return { passed: '✓', failed: '✗', error: '!', skipped: '-', unverified: '?' }[s];
}
