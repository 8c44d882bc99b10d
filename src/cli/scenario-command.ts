// `hie-sandbox scenario run <file|dir>` and `hie-sandbox conformance --partner X`: the scenario library from the command line.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { DEFAULT_PORT, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import type { JournalEntry } from '../journal/index.js';
import { startSandbox, type RunningSandbox } from '../main.js';
import { buildWorksheet, requiredGaps } from '../scenarios/conformance/worksheet.js';
import type { Scenario, UseCaseList } from '../scenarios/types.js';
import { renderWorksheetHtml, renderWorksheetMarkdown } from '../scenarios/conformance/render.js';
import { createSandboxClient, formatStepLine, referenceDriverUrl, listScenarios, renderJUnit, renderMarkdown, runScenarios, ScenarioFormatError, type RunReport, type ScenarioTarget } from '../scenarios/index.js';
import { sandboxAnswers } from './admin-client.js';
import { emit, formatTable, type JsonFlag } from './output.js';
import { UsageError } from './errors.js';

/** The library shipped with the sandbox (works from src/ and dist/). */
export const LIBRARY_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

interface RunFlags {
  partner: string;
  report?: string;
  url?: string;
  /** A driver URL; `false` with --no-driver; undefined = the default for the command. */
  driver?: string | false;
  isolate: boolean;
  quiet?: boolean;
}

/** A running sandbox at `url`, or a fresh in-process one (ephemeral store, manual clock, port 0). */
/** The admin token to send: the in-process sandbox's own, else HIE_SANDBOX_ADMIN_TOKEN for a running one. */
function adminHeaders(running: RunningSandbox | undefined): () => Record<string, string> {
  const token = process.env.HIE_SANDBOX_ADMIN_TOKEN;
  return () => running?.sandbox.deps.admin?.headers() ?? (token ? { authorization: `Bearer ${token}` } : {});
}

async function openSandbox(url: string | undefined): Promise<{ url: string; running?: RunningSandbox }> {
  if (url) {
    if (!(await sandboxAnswers(url.replace(/\/$/, '')))) throw new UsageError(`no sandbox answers at ${url}; start one with "hie-sandbox start" or leave --url out to run in-process`);
    return { url: url.replace(/\/$/, '') };
  }
  const config = loadConfig(process.env, { port: 0, host: '127.0.0.1', dataFile: undefined, clock: { kind: 'manual' }, baseUrl: 'http://127.0.0.1:0' });
  const running = await startSandbox(config, createLogger('error'));
  return { url: running.url, running };
}

const LISTS: readonly UseCaseList[] = ['sender', 'receiver', 'general', 'distribution', 'maintain', 'batch', 'query', 'hcim'];

/** `--lists sender,receiver` → the lists, or a usage error naming the valid ones. */
function parseLists(value: string | undefined): UseCaseList[] | undefined {
  if (!value) return undefined;
  const lists = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = lists.filter((l) => !(LISTS as readonly string[]).includes(l));
  if (bad.length || !lists.length) throw new UsageError(`--lists takes a comma-separated choice of ${LISTS.join(', ')} (not ${bad.join(', ') || 'nothing'})`);
  return lists as UseCaseList[];
}

/** What a run is set up with, once the sandbox URL is known. */
interface RunSetup {
  vars: Record<string, unknown>;
  driver?: string;
}

async function run(path: string, flags: RunFlags, setup: (url: string) => Promise<RunSetup>, keep: (s: Scenario) => boolean = () => true): Promise<{ report: RunReport; journal: JournalEntry[] }> {
  let scenarios;
  try {
    scenarios = await listScenarios(path);
  } catch (err) {
    if (err instanceof ScenarioFormatError) throw new UsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no scenario file or folder at ${path}`);
    throw err;
  }
  scenarios = scenarios.filter(keep);
  if (scenarios.length === 0) throw new UsageError(`no *.yaml scenarios under ${path}${flags.quiet ? ' for the lists asked' : ''}`);
  const { url, running } = await openSandbox(flags.url);
  try {
    const { vars, driver } = await setup(url);
    const target: ScenarioTarget = { sandbox: createSandboxClient(url, fetch, adminHeaders(running)), partner: flags.partner, driverUrl: driver, vars, settleMs: running ? 0 : 50 };
    const log = (t: string) => void (flags.quiet ? undefined : process.stdout.write(t + '\n'));
    const report = await runScenarios(scenarios, target, {
      isolate: flags.isolate,
      onStep: (s, r) => (r.index === 0 ? log(`${s.id} — ${s.title}`) : undefined, log(formatStepLine(r))),
      onScenario: (r) => log(`${r.status === 'passed' ? 'PASS' : 'FAIL'} ${r.id} (${r.durationMs} ms)\n`),
    });
    // The Ocean messages the target sent: the conformance worksheet's Task.status map is filled from them.
    const journal = await target.sandbox.admin<JournalEntry[]>('GET', '/journal?system=ocean&direction=inbound&limit=10000');
    return { report, journal };
  } finally {
    await running?.stop();
  }
}

async function writeReport(file: string, report: RunReport): Promise<void> {
  const text = file.endsWith('.xml') ? renderJUnit(report) : file.endsWith('.json') ? JSON.stringify(report, null, 2) + '\n' : file.endsWith('.md') ? renderMarkdown(report) : undefined;
  if (text === undefined) throw new UsageError('--report must end in .xml (JUnit), .json or .md');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

function summary(report: RunReport): string {
  const t = report.totals;
  return `${report.results.length} scenario(s): ${t.passed} passed, ${t.failed} failed, ${t.error} errors in ${(t.durationMs / 1000).toFixed(1)} s`;
}

/**
 * The partner's registered Ocean webhook (its first integration) as both the receiving and the sending
 * POS's URL, so the library runs against its endpoint; the reference POS's driver when that webhook is
 * the sandbox's own reference POS, else the --driver given (or none: the POS must act by itself).
 */
async function partnerSetup(url: string, partner: string, driver: string | false | undefined): Promise<RunSetup> {
  const client = createSandboxClient(url, fetch, adminHeaders(undefined));
  const sites = await client.admin<Array<{ siteNum: string; partner?: string }>>('GET', '/ocean/sites').catch(() => []);
  let vars: Record<string, unknown> = {};
  for (const s of sites.filter((x) => x.partner === partner)) {
    const integrations = await client.admin<Array<{ url: string }>>('GET', `/ocean/integrations?site=${s.siteNum}`).catch(() => []);
    if (integrations[0]) {
      vars = { receiverUrl: integrations[0].url, senderUrl: integrations[0].url, sendingSite: s.siteNum };
      break;
    }
  }
  const reference = `${url}/pos/receiver/`;
  const usesReference = vars.receiverUrl === undefined || String(vars.receiverUrl).startsWith(reference);
  return { vars, driver: driver === false ? undefined : (driver ?? (usesReference ? referenceDriverUrl(url) : undefined)) };
}

export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('scripted scenarios (YAML) replayed against a POS');
  scenario
    .command('run <path>')
    .description('run a scenario file or every scenario under a folder; exit 1 when any fails')
    .option('--partner <name>', 'the partner under test', 'demo')
    .option('--report <file>', 'write a report: junit.xml, report.json or report.md')
    .option('--url <url>', `a running sandbox (e.g. http://127.0.0.1:${DEFAULT_PORT}); else one is started in-process`)
    .option('--driver <url>', 'a driver that makes the POS under test act (call steps with on: target); default: the reference POS, {sandbox}/pos')
    .option('--no-driver', 'no driver: steps that need one are skipped and the POS must act by itself')
    .option('--no-isolate', 'do not restore a baseline snapshot before each scenario')
    .option('--quiet', 'print only the summary')
    .action(async (path: string, flags: RunFlags) => {
      const { report } = await run(path, flags, async (url) => ({ vars: {}, driver: flags.driver === false ? undefined : (flags.driver ?? referenceDriverUrl(url)) }));
      if (flags.report) await writeReport(flags.report, report);
      process.stdout.write(summary(report) + '\n');
      if (report.totals.failed + report.totals.error > 0) throw new Error(summary(report));
    });
  scenario
    .command('list [path]')
    .description('list the scenarios and the use cases they cover')
    .option('--json', 'print the result as JSON (for scripts)')
    .action(async (path: string | undefined, flags: JsonFlag) => {
      const list = await listScenarios(path ?? LIBRARY_DIR);
      const view = list.map((s) => ({ id: s.id, title: s.title, system: s.system, useCases: s.useCases }));
      emit(flags, view, () => formatTable(['SCENARIO', 'USE CASES'], list.map((s) => [s.id, s.useCases.map((u) => `${u.priority}: ${u.name}`).join('; ')]), 'no scenarios'));
    });

  program
    .command('conformance')
    .description('run the library against a partner\'s registered endpoints; write the Release Information Worksheet (Markdown and HTML)')
    .requiredOption('--partner <name>', 'the partner under test')
    .option('--url <url>', 'a running sandbox; else one is started in-process')
    .option('--out <dir>', 'where to write conformance-<partner>.md/.html', '.')
    .option('--scenarios <path>', 'the scenario library', LIBRARY_DIR)
    .option('--driver <url>', 'a driver that makes the POS under test act (default: the reference POS when the partner\'s webhook is the sandbox\'s own)')
    .option('--no-driver', 'never use a driver')
    .option('--lists <lists>', `only these use-case lists (comma-separated: ${LISTS.join(', ')})`)
    .action(async (flags: RunFlags & { out: string; scenarios: string; lists?: string }) => {
      const lists = parseLists(flags.lists);
      // Walkthroughs tagged `demo` (Demo Day) are for training, not evidence: the worksheet leaves them out.
      const keep = (s: Scenario) => !s.tags.includes('demo') && (!lists || s.useCases.some((u) => lists.includes(u.list)));
      const { report, journal } = await run(flags.scenarios, { ...flags, isolate: true, quiet: true }, (url) => partnerSetup(url, flags.partner, flags.driver), keep);
      const sheet = buildWorksheet(report, journal, new Date().toISOString(), lists);
      await mkdir(flags.out, { recursive: true });
      const base = join(flags.out, `conformance-${flags.partner}`);
      await writeFile(`${base}.md`, renderWorksheetMarkdown(sheet));
      await writeFile(`${base}.html`, renderWorksheetHtml(sheet));
      process.stdout.write(`${summary(report)}\nwrote ${base}.md and ${base}.html\n`);
      const gaps = requiredGaps(sheet);
      if (gaps.length) throw new Error(`${gaps.length} Required use case(s) not passed: ${gaps.map((g) => `${g.useCase} (${g.list}: ${g.result})`).join('; ')}`);
    });
}
