// A scenario stepped through one step at a time: next(), back() (restores the snapshot taken before that step), state().
import { randomBytes } from 'node:crypto';
import type { JournalEntry } from '../journal/index.js';
import { interpolate, MissingVariableError } from './interpolate.js';
import type { RunState, ScenarioTarget, StepContext, StepResult } from './step-context.js';
import { clearFaults, runStep } from './steps/index.js';
import type { Scenario, ScenarioStep } from './types.js';

export interface SessionState {
  scenarioId: string;
  title: string;
  /** Index of the next step to run (= number of steps run). */
  position: number;
  total: number;
  done: boolean;
  /** True once a step failed or errored. */
  failed: boolean;
  results: StepResult[];
  /** Every narration shown so far, oldest first; `narration` is the latest. */
  narrations: string[];
  narration?: string;
  /** Captured values (and the scenario's vars). */
  vars: Record<string, unknown>;
  /** Simulated time after the last step. */
  clock?: string;
}

export interface ScenarioSession {
  readonly scenario: Scenario;
  /** Runs the next step; undefined when there is none. */
  next(): Promise<StepResult | undefined>;
  /** Undoes the last step (see SessionOptions.snapshots). False at the start. */
  back(): Promise<boolean>;
  state(): SessionState;
  /** Clears this session's faults and snapshots. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /**
   * How back() works. `'replay'` (default): one snapshot before the first step (named `snapshotName`, replaced
   * by the next session of that name); back() restores it and replays the steps before the one undone, so a long
   * walkthrough keeps one snapshot, not one per step (snapshots are bounded). `true`: a snapshot before each
   * step, restored by back() (short scenarios only). `false`: no back() (the batch runner).
   */
  snapshots?: boolean | 'replay';
  snapshotName?: string;
}

interface Saved {
  snapshot?: string;
  clock: string;
  vars: Record<string, unknown>;
  consumed: string[];
  skippedVars: string[];
}

/** Creates a stepper over `scenario` against `target`. Nothing runs until next(). */
export function createScenarioSession(scenario: Scenario, target: ScenarioTarget, options: SessionOptions = {}): ScenarioSession {
  const mode = options.snapshots ?? 'replay';
  const sessionId = randomBytes(4).toString('hex');
  const startSnapshot = options.snapshotName ?? `scn-${sessionId}`;
  const results: StepResult[] = [];
  const saved: Saved[] = [];
  const snapshotNames: string[] = [];
  let state: RunState | undefined;
  let clock: string | undefined;
  let replaying = false;
  const { sandbox } = target;

  const begin = async (): Promise<RunState> => {
    const last = await sandbox.admin<JournalEntry[]>('GET', '/journal?limit=1');
    // Scenario vars may use ${sandbox}, ${partner} and ${run} (unique per run: message ids never repeat on a
    // persistent sandbox); the target's vars (e.g. receiverUrl) win.
    const base = { partner: target.partner, sandbox: sandbox.baseUrl, run: sessionId };
    return {
      vars: { ...base, ...interpolate(structuredClone(scenario.vars), base), ...structuredClone(target.vars ?? {}) },
      journalStart: last.length ? Number(last[last.length - 1]!.id) : 0,
      consumed: new Set(),
      skippedVars: new Set(),
      faults: [],
      tokens: new Map(),
    };
  };

  const stepTitle = (s: ScenarioStep) => s.title ?? `${s.step.kind}${s.step.kind === 'send' ? ` ${s.step.message}` : 'event' in s.step && s.step.event ? ` ${s.step.event}` : ''}`;

  const session: ScenarioSession = {
    scenario,
    async next() {
      const s = scenario.steps[results.length];
      if (!s) return undefined;
      state ??= await begin();
      const now = (await sandbox.admin<{ now: string }>('GET', '/clock')).now;
      const save: Saved = { clock: now, vars: structuredClone(state.vars), consumed: [...state.consumed], skippedVars: [...state.skippedVars] };
      if (mode === true || (mode === 'replay' && results.length === 0)) {
        save.snapshot = mode === true ? `scn-${sessionId}-${results.length}` : startSnapshot;
        await sandbox.admin('POST', '/snapshots', { name: save.snapshot });
        if (!snapshotNames.includes(save.snapshot)) snapshotNames.push(save.snapshot);
      }
      saved.push(save);
      const t0 = performance.now();
      // A replay re-runs steps already seen to work: no real-time settling between clock ticks, no waiting after.
      const ctx: StepContext = { target: replaying ? { ...target, settleMs: 0, patienceMs: 0 } : target, state };
      let result: StepResult;
      try {
        const step = s.step.kind === 'narrate' ? { ...s.step, text: softInterpolate(s.step.text, state.vars) } : interpolate(s.step, state.vars);
        const outcome = await runStep(ctx, step);
        result = { index: s.index, kind: s.step.kind, title: stepTitle(s), evidence: [], ...outcome, durationMs: 0 };
      } catch (err) {
        const message = err instanceof MissingVariableError ? err.message : `${(err as Error).name === 'Error' ? '' : `${(err as Error).name}: `}${(err as Error).message}`;
        const skipped = err instanceof MissingVariableError && state.skippedVars.has(err.variable);
        for (const name of skipped && 'capture' in s.step ? Object.keys(s.step.capture) : []) state.skippedVars.add(name);
        result = skipped
          ? { index: s.index, kind: s.step.kind, title: stepTitle(s), status: 'skipped', message: `not checked: \${${err.variable}} comes from a step the target's driver would have answered`, evidence: [], durationMs: 0 }
          : { index: s.index, kind: s.step.kind, title: stepTitle(s), status: 'error', message, evidence: [], durationMs: 0 };
      }
      result.durationMs = Math.round(performance.now() - t0);
      clock = result.at = (await sandbox.admin<{ now: string }>('GET', '/clock')).now;
      results.push(result);
      return result;
    },
    async back() {
      if (mode === 'replay') return replayTo(results.length - 1);
      const save = saved.pop();
      if (!save || !state) return false;
      results.pop();
      if (save.snapshot) await sandbox.admin('POST', `/snapshots/${save.snapshot}/restore`);
      await sandbox.admin('POST', '/clock/set', { time: save.clock });
      state.vars = save.vars;
      state.consumed = new Set(save.consumed);
      state.skippedVars = new Set(save.skippedVars);
      clock = save.clock;
      return true;
    },
    state() {
      const narrations = results.filter((r) => r.narration).map((r) => r.narration!);
      return {
        scenarioId: scenario.id,
        title: scenario.title,
        position: results.length,
        total: scenario.steps.length,
        done: results.length >= scenario.steps.length,
        failed: results.some((r) => r.status === 'failed' || r.status === 'error'),
        results: [...results],
        narrations,
        narration: narrations[narrations.length - 1],
        vars: structuredClone(state?.vars ?? { ...scenario.vars }),
        clock,
      };
    },
    async close() {
      if (state) await clearFaults({ target, state });
      for (const name of snapshotNames.splice(0)) await sandbox.request('DELETE', `/admin/snapshots/${name}`);
    },
  };
  /** Back to the session's start snapshot and clock, then the first `position` steps again (captures are taken anew). */
  async function replayTo(position: number): Promise<boolean> {
    const start = saved[0];
    if (!start || position < 0) return false;
    if (state) await clearFaults({ target, state });
    await sandbox.admin('POST', `/snapshots/${startSnapshot}/restore`);
    await sandbox.admin('POST', '/clock/set', { time: start.clock });
    results.length = 0;
    saved.length = 0;
    state = undefined;
    clock = start.clock;
    replaying = true;
    try {
      while (results.length < position) if (!(await session.next())) break;
    } finally {
      replaying = false;
    }
    return true;
  }

  return session;
}

/** Narration shows `${name}` raw when the value is not captured yet, rather than failing. */
function softInterpolate(text: string, vars: Record<string, unknown>): string {
  return text.replace(/\$\{([A-Za-z_][\w.-]*)\}/g, (m) => {
    try {
      const v = interpolate(m, vars);
      return typeof v === 'string' ? v : JSON.stringify(v);
    } catch {
      return m;
    }
  });
}
