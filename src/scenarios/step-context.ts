// What a running step works with (the sandbox client, the partner, captures) and what it gives back.
import type { JournalEntry } from '../journal/index.js';
import type { SandboxClient } from './sandbox-client.js';

export type StepStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface StepResult {
  index: number;
  kind: string;
  title: string;
  status: StepStatus;
  /** One-line outcome, shown in the step log. */
  message: string;
  /** Expected vs actual, volatile fields masked, when something did not match. */
  diff?: string;
  /** Journal entry ids that show what happened. */
  evidence: string[];
  /** Text for the trainer (narrate steps). */
  narration?: string;
  /** Simulated time when the step ended. */
  at?: string;
  durationMs: number;
}

/** Where a scenario runs: the sandbox, the partner under test, and optionally a driver for the target. */
export interface ScenarioTarget {
  sandbox: SandboxClient;
  /** Partner name under test (journal filter, fault scope, tokens). Default `demo`. */
  partner: string;
  /**
   * Base URL of a driver that makes the target act (`call: {on: target}`), speaking the reference POS's
   * paths (`/receiver/policy`, `/receiver/referrals/{ref}[/actions]`, `/emr/patients/{id}/launch`): the
   * reference POS's own is `{sandbox}/pos` (referenceDriverUrl). Without one, those steps are skipped and
   * the target must act by itself.
   */
  driverUrl?: string;
  /** Values that override every scenario's `vars` (e.g. the partner's webhook URL as `receiverUrl`). */
  vars?: Record<string, unknown>;
  /** Real milliseconds to wait for the target between clock ticks while expecting (default 15). */
  settleMs?: number;
  /**
   * Real milliseconds an expect step keeps looking, counted from its start, once its simulated window has
   * ticked by (default 0). A POS that acts on its own time (a background job fetching the documents) needs
   * this: the clock ticks through a simulated hour in well under a second of real time.
   */
  patienceMs?: number;
}

/** The driver of the sandbox's reference POS (receiving POS and EMR) for a sandbox at `sandboxUrl`. */
export const referenceDriverUrl = (sandboxUrl: string): string => `${sandboxUrl.replace(/\/$/, '')}/pos`;

/** Mutable state shared by the steps of one scenario run. */
export interface RunState {
  vars: Record<string, unknown>;
  /** Journal id at the start: expects only look at later entries. */
  journalStart: number;
  /** Journal entries already matched by an expect (one message satisfies one expect). */
  consumed: Set<string>;
  /** Faults armed by this run, cleared at its end. */
  faults: string[];
  /** Captures of steps that were skipped (no driver): steps that use them are skipped as well. */
  skippedVars: Set<string>;
  /** Cached bearer tokens per audience. */
  tokens: Map<string, string>;
}

export interface StepContext {
  target: ScenarioTarget;
  state: RunState;
}

/** A step outcome before the runner adds index, timing and title. */
export type StepOutcome = Pick<StepResult, 'status' | 'message'> & Partial<Pick<StepResult, 'diff' | 'evidence' | 'narration'>>;

/** Parses a journal body as JSON, or undefined. */
export function journalJson(entry: JournalEntry, part: 'request' | 'response'): unknown {
  const body = entry[part]?.body;
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** `200` matches 200; `2xx` matches 200-299. */
export function statusMatches(expected: number | string | undefined, actual: number | undefined): boolean {
  if (expected === undefined) return true;
  if (actual === undefined) return false;
  if (typeof expected === 'number') return expected === actual;
  return String(actual)[0] === expected[0];
}
