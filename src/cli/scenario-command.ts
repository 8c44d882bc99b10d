// `hie-sandbox scenario run <file|dir>` and `hie-sandbox conformance --partner X`: the scenario library from the command line.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { DEFAULT_PORT, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import type { JournalEntry } from '../journal/index.js';
import { startSandbox, type RunningSandbox } from '../main.js';
import { buildWorksheet } from '../scenarios/conformance/worksheet.js';
import { renderWorksheetHtml, renderWorksheetMarkdown } from '../scenarios/conformance/render.js';
import { createSandboxClient, formatStepLine, listScenarios, renderJUnit, renderMarkdown, runScenarios, ScenarioFormatError, type RunReport, type ScenarioTarget } from '../scenarios/index.js';
import { UsageError } from './errors.js';

/** The library shipped with the sandbox (works from src/ and dist/). */
export const LIBRARY_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

interface RunFlags {
  partner: string;
  report?: string;
  url?: string;
  driver?: string;
  isolate: boolean;
  quiet?: boolean;
}

/** A running sandbox at `url`, or a fresh in-process one (ephemeral store, manual clock, port 0). */
async function openSandbox(url: string | undefined): Promise<{ url: string; running?: RunningSandbox }> {
  if (url) {
    const ok = await fetch(`${url.replace(/\/$/, '')}/admin/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (!ok) throw new UsageError(`no sandbox answers at ${url}; start one with "hie-sandbox start" or leave --url out to run in-process`);
    return { url: url.replace(/\/$/, '') };
  }
  const config = loadConfig(process.env, { port: 0, host: '127.0.0.1', dataFile: undefined, clock: { kind: 'manual' }, baseUrl: 'http://127.0.0.1:0' });
  const running = await startSandbox(config, createLogger('error'));
  return { url: running.url, running };
}

async function run(path: string, flags: RunFlags, extraVars: (url: string) => Promise<Record<string, unknown>> = async () => ({})): Promise<{ report: RunReport; journal: JournalEntry[] }> {
  let scenarios;
  try {
    scenarios = await listScenarios(path);
  } catch (err) {
    if (err instanceof ScenarioFormatError) throw new UsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no scenario file or folder at ${path}`);
    throw err;
  }
  if (scenarios.length === 0) throw new UsageError(`no *.yaml scenarios under ${path}`);
  const { url, running } = await openSandbox(flags.url);
  try {
    const target: ScenarioTarget = { sandbox: createSandboxClient(url), partner: flags.partner, driverUrl: flags.driver, vars: await extraVars(url), settleMs: running ? 0 : 50 };
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

/** The partner's registered Ocean webhook (its first integration), so the library runs against its endpoint. */
async function partnerVars(url: string, partner: string): Promise<Record<string, unknown>> {
  const client = createSandboxClient(url);
  const sites = await client.admin<Array<{ siteNum: string; partner?: string }>>('GET', '/ocean/sites').catch(() => []);
  for (const s of sites.filter((x) => x.partner === partner)) {
    const integrations = await client.admin<Array<{ url: string }>>('GET', `/ocean/integrations?site=${s.siteNum}`).catch(() => []);
    if (integrations[0]) return { receiverUrl: integrations[0].url };
  }
  return {};
}

export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('scripted scenarios (YAML) replayed against a POS');
  scenario
    .command('run <path>')
    .description('run a scenario file or every scenario under a folder; exit 1 when any fails')
    .option('--partner <name>', 'the partner under test', 'demo')
    .option('--report <file>', 'write a report: junit.xml, report.json or report.md')
    .option('--url <url>', `a running sandbox (e.g. http://127.0.0.1:${DEFAULT_PORT}); else one is started in-process`)
    .option('--driver <url>', 'a driver URL that makes the POS under test act (call steps with on: target)')
    .option('--no-isolate', 'do not restore a baseline snapshot before each scenario')
    .option('--quiet', 'print only the summary')
    .action(async (path: string, flags: RunFlags) => {
      const { report } = await run(path, flags);
      if (flags.report) await writeReport(flags.report, report);
      process.stdout.write(summary(report) + '\n');
      if (report.totals.failed + report.totals.error > 0) throw new Error(summary(report));
    });
  scenario
    .command('list [path]')
    .description('list the scenarios and the use cases they cover')
    .action(async (path?: string) => {
      for (const s of await listScenarios(path ?? LIBRARY_DIR)) process.stdout.write(`${s.id.padEnd(48)} ${s.useCases.map((u) => `${u.priority}: ${u.name}`).join('; ')}\n`);
    });

  program
    .command('conformance')
    .description('run the library against a partner\'s registered endpoints; write the Release Information Worksheet (Markdown and HTML)')
    .requiredOption('--partner <name>', 'the partner under test')
    .option('--url <url>', 'a running sandbox; else one is started in-process')
    .option('--out <dir>', 'where to write conformance-<partner>.md/.html', '.')
    .option('--scenarios <path>', 'the scenario library', LIBRARY_DIR)
    .option('--driver <url>', 'a driver URL that makes the POS under test act')
    .action(async (flags: RunFlags & { out: string; scenarios: string }) => {
      const { report, journal } = await run(flags.scenarios, { ...flags, isolate: true, quiet: true }, (url) => partnerVars(url, flags.partner));
      const sheet = buildWorksheet(report, journal, new Date().toISOString());
      await mkdir(flags.out, { recursive: true });
      const base = join(flags.out, `conformance-${flags.partner}`);
      await writeFile(`${base}.md`, renderWorksheetMarkdown(sheet));
      await writeFile(`${base}.html`, renderWorksheetHtml(sheet));
      process.stdout.write(`${summary(report)}\nwrote ${base}.md and ${base}.html\n`);
    });
}
