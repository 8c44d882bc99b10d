// `hie-sandbox scenario run <file|dir>`, `scenario list`, `scenario record`: the scenario library from the command line.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { JournalEntry } from '../journal/index.js';
import { formatStepLine, listScenarios, referenceDriverUrl, renderJUnit, renderMarkdown, runScenarios, ScenarioFormatError, type RunReport, type Scenario, type ScenarioResult, type ScenarioTarget } from '../scenarios/index.js';
import { parseDuration } from '../clock/index.js';
import { renderJson } from '../scenarios/reports/json.js';
import { decidedBy } from '../scenarios/conformance/evidence.js';
import { countVerdicts, unverifiedReason, verdictOf } from '../scenarios/run-scenarios.js';
import { DEFAULT_URL } from './admin-client.js';
import { registerConformanceCommand } from './conformance-command.js';
import { emit, formatTable, type JsonFlag } from './output.js';
import { UsageError } from './errors.js';
import { parseDurationMs } from './options.js';
import { registerRecordCommand } from './record-command.js';
import { assertPartner, openScenarioSandbox, type ScenarioSandbox, type TargetFlags } from './scenario-target.js';

/** The library shipped with the sandbox (works from src/ and dist/). */
export const LIBRARY_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

export const print = (line: string) => void process.stdout.write(line + '\n');

export interface RunFlags extends TargetFlags {
  partner: string;
  report?: string;
  /** A driver URL; `false` with --no-driver; undefined = the default for the command. */
  driver?: string | false;
  isolate: boolean;
  quiet?: boolean;
  /** Real milliseconds each expect waits beyond its simulated window; undefined = the default for the target. */
  patience?: number;
}

/** The real-time patience of expect steps against a running sandbox, whose POS acts on its own time. */
export const DEFAULT_PATIENCE = 'PT10S';

/** The real-time patience of a run's expect steps (ms): --patience, else the default for where the sandbox runs. */
export const patienceOf = (flags: Pick<RunFlags, 'patience'>, where: 'running' | 'in-process'): number => flags.patience ?? (where === 'in-process' ? 0 : parseDuration(DEFAULT_PATIENCE)!);

/** Loads the scenarios under `path`; format problems and a missing path are usage errors. */
export async function loadLibrary(path: string, keep: (s: Scenario) => boolean = () => true): Promise<Scenario[]> {
  let scenarios: Scenario[];
  try {
    scenarios = await listScenarios(path);
  } catch (err) {
    if (err instanceof ScenarioFormatError) throw new UsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no scenario file or folder at ${path}`);
    throw err;
  }
  return scenarios.filter(keep);
}

const SCENARIO_LINE = { passed: 'PASS', unverified: 'NOT VERIFIED', failed: 'FAIL', error: 'FAIL' } as const;
const scenarioLine = (r: ScenarioResult) => {
  const v = verdictOf(r);
  return `${SCENARIO_LINE[v]} ${r.id} (${r.durationMs} ms)${v === 'unverified' ? `: ${unverifiedReason(r)}` : ''}\n`;
};

/** Runs scenarios on an open target with a step log; returns the report and every journal entry of the run. */
export async function runOn(target: ScenarioSandbox, scenarios: Scenario[], flags: RunFlags, setup: { vars: Record<string, unknown>; driver?: string }): Promise<{ report: RunReport; journal: JournalEntry[] }> {
  const { client } = target;
  const last = await client.admin<JournalEntry[]>('GET', '/journal?limit=1');
  const since = last.length ? last[last.length - 1]!.id : '0';
  const scenarioTarget: ScenarioTarget = { sandbox: client, partner: flags.partner, driverUrl: setup.driver, vars: setup.vars, settleMs: target.where === 'in-process' ? 0 : 50, patienceMs: patienceOf(flags, target.where) };
  const log = (t: string) => void (flags.quiet ? undefined : print(t));
  const report = await runScenarios(scenarios, scenarioTarget, {
    isolate: flags.isolate,
    onWait: (holder) => print(`waiting: ${holder}`),
    onStep: (s, r) => (r.index === 0 ? log(`${s.id} — ${s.title}`) : undefined, log(formatStepLine(r))),
    onScenario: (r) => log(scenarioLine(r)),
  });
  const journal = await client.admin<JournalEntry[]>('GET', `/journal?since=${since}&limit=10000`);
  const byId = new Map(journal.map((e) => [e.id, e]));
  report.results = report.results.map((r) => ({ ...r, decidedBy: decidedBy(r, byId, flags.partner, target.url) }));
  return { report, journal };
}

async function writeReport(file: string, report: RunReport): Promise<void> {
  const text = file.endsWith('.xml') ? renderJUnit(report) : file.endsWith('.json') ? renderJson(report) : file.endsWith('.md') ? renderMarkdown(report) : undefined;
  if (text === undefined) throw new UsageError('--report must end in .xml (JUnit), .json or .md');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

export function summary(report: RunReport): string {
  const n = countVerdicts(report.results);
  const unverified = n.unverified ? ` ${n.unverified} not verified (checks skipped for want of a driver),` : '';
  return `${report.results.length} scenario(s): ${n.passed} passed,${unverified} ${n.failed} failed, ${n.error} errors in ${(report.totals.durationMs / 1000).toFixed(1)} s`;
}

export const targetOptions = (cmd: Command): Command =>
  cmd
    .option('--url <url>', 'the sandbox to act on, as for every other command', DEFAULT_URL)
    .option('--in-process', 'start a throw-away sandbox inside this command instead (manual clock, in-memory store, demo partner only)')
    .option('--patience <duration>', `real time each expect step keeps waiting once its simulated window is over, for a POS that acts on its own time (default ${DEFAULT_PATIENCE} on a running sandbox, PT0S --in-process)`, parseDurationMs);

export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('scripted scenarios (YAML) replayed against a POS');
  targetOptions(scenario.command('run <path>').description('run a scenario file or every scenario under a folder; exit 1 when any fails or is not verified'))
    .option('--partner <name>', 'the partner under test', 'demo')
    .option('--report <file>', 'write a report: junit.xml, report.json or report.md')
    .option('--driver <url>', 'a driver that makes the POS under test act (call steps with on: target); default: the reference POS, {sandbox}/pos')
    .option('--no-driver', 'no driver: steps that need one are skipped and the POS must act by itself; a scenario whose checks were skipped is not verified (exit 1)')
    .option('--no-isolate', 'do not restore a baseline snapshot before each scenario')
    .option('--quiet', 'print only the summary')
    .action(async (path: string, flags: RunFlags) => {
      const scenarios = await loadLibrary(path);
      if (scenarios.length === 0) throw new UsageError(`no *.yaml scenarios under ${path}`);
      const target = await openScenarioSandbox(flags, print);
      try {
        await assertPartner(target, flags.partner);
        const driver = flags.driver === false ? undefined : (flags.driver ?? referenceDriverUrl(target.url));
        const { report } = await runOn(target, scenarios, flags, { vars: {}, driver });
        if (flags.report) await writeReport(flags.report, report);
        print(summary(report));
        const replayed = report.results.filter((r) => verdictOf(r) === 'passed' && r.decidedBy?.partner === 0).length;
        if (replayed) print(`${replayed} passed scenario(s) were decided by no exchange with ${flags.partner}'s own system, only by the runner's calls and the sandbox's reference POS: a replay, no evidence about ${flags.partner}'s POS (hie-sandbox conformance --partner ${flags.partner} judges that)`);
        const n = countVerdicts(report.results);
        if (n.failed + n.error > 0) throw new Error(summary(report));
        // A CI job must not go green on checks that never ran.
        if (n.unverified > 0) throw new Error(`${summary(report)}; run the not verified ones with --driver, or check their skipped steps in your POS`);
      } finally {
        await target.close();
      }
    });
  scenario
    .command('list [path]')
    .description('list the scenarios and the use cases they cover')
    .option('--json', 'print the result as JSON (for scripts)')
    .action(async (path: string | undefined, flags: JsonFlag) => {
      const list = await loadLibrary(path ?? LIBRARY_DIR);
      const view = list.map((s) => ({ id: s.id, title: s.title, system: s.system, useCases: s.useCases }));
      emit(flags, view, () => formatTable(['SCENARIO', 'USE CASES'], list.map((s) => [s.id, s.useCases.map((u) => `${u.priority}: ${u.name}`).join('; ')]), 'no scenarios'));
    });
  registerRecordCommand(scenario);
  registerConformanceCommand(program);
}
