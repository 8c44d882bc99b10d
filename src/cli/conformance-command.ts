// `hie-sandbox conformance --partner X`: the library against the partner's own endpoints, written as the Release Information Worksheet.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { endpointNeed, findPartnerEndpoints, isReferencePos, ownEndpointsOf, planScenario } from '../scenarios/conformance/partner-endpoints.js';
import { renderWorksheetHtml, renderWorksheetMarkdown } from '../scenarios/conformance/render.js';
import { blockingRows, buildWorksheet, REFERENCE_LABEL, type NotRunScenario, type WorksheetMode } from '../scenarios/conformance/worksheet.js';
import { referenceDriverUrl, scenarioFingerprint, type RunReport, type Scenario, type UseCaseList } from '../scenarios/index.js';
import { UsageError } from './errors.js';
import { repeatable } from './options.js';
import { formatDuration } from '../clock/index.js';
import { LIBRARY_DIR, loadLibrary, print, patienceOf, runOn, summary, targetOptions, type RunFlags } from './scenario-command.js';
import { assertPartner, openScenarioSandbox } from './scenario-target.js';

const LISTS: readonly UseCaseList[] = ['sender', 'receiver', 'general', 'distribution', 'maintain', 'batch', 'query', 'hcim'];

/** `--lists sender,receiver` → the lists, or a usage error naming the valid ones. */
function parseLists(value: string | undefined): UseCaseList[] | undefined {
  if (!value) return undefined;
  const lists = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = lists.filter((l) => !(LISTS as readonly string[]).includes(l));
  if (bad.length || !lists.length) throw new UsageError(`--lists takes a comma-separated choice of ${LISTS.join(', ')} (not ${bad.join(', ') || 'nothing'})`);
  return lists as UseCaseList[];
}

type Flags = RunFlags & { out: string; scenarios: string; lists?: string; referencePos?: boolean; webhook: string[] };

const emptyReport = (partner: string, sandbox: string, now: string): RunReport => ({ startedAt: now, endedAt: now, sandbox, partner, results: [], totals: { passed: 0, failed: 0, error: 0, durationMs: 0 } });

/** The ids of the scenarios that are not, word for word, one of the library's (a copy of one is). */
async function outsideLibrary(scenarios: Scenario[]): Promise<Set<string>> {
  const library = new Set((await loadLibrary(LIBRARY_DIR)).map(scenarioFingerprint));
  return new Set(scenarios.filter((s) => !library.has(scenarioFingerprint(s))).map((s) => s.id));
}

export function registerConformanceCommand(program: Command): void {
  targetOptions(program.command('conformance').description('run the library against a partner\'s own registered endpoints; write the Release Information Worksheet (Markdown, HTML, JSON)'))
    .requiredOption('--partner <name>', 'the partner under test')
    .option('--out <dir>', 'where to write conformance-<partner>.md/.html/.json', '.')
    .option('--scenarios <path>', 'the scenario library', LIBRARY_DIR)
    .option('--driver <url>', 'a driver that makes the partner\'s POS act (call steps with on: target); default none')
    .option('--no-driver', 'never use a driver')
    .option('--lists <lists>', `only these use-case lists (comma-separated: ${LISTS.join(', ')})`)
    .option('--webhook <url>', "the partner's own endpoint (Ocean webhook, PLR distribution or HCIM notification endpoint) when it has several of a kind (a shared sandbox: each vendor registers its own under the same partner); repeatable", repeatable, [] as string[])
    .option('--reference-pos', `run against the sandbox's own reference POS instead, labelled "${REFERENCE_LABEL}"`)
    .action(async (flags: Flags) => {
      const lists = parseLists(flags.lists);
      // Walkthroughs tagged `demo` (Demo Day) are for training, not evidence: the worksheet leaves them out.
      const library = await loadLibrary(flags.scenarios, (s) => !s.tags.includes('demo') && (!lists || s.useCases.some((u) => lists.includes(u.list))));
      if (library.length === 0) throw new UsageError(`no *.yaml scenarios under ${flags.scenarios} for the lists asked`);
      const target = await openScenarioSandbox(flags, print);
      try {
        await assertPartner(target, flags.partner);
        const mode: WorksheetMode = flags.referencePos ? 'reference' : 'partner';
        let runnable: Scenario[] = library;
        const notRun: NotRunScenario[] = [];
        let vars: Record<string, unknown> = {};
        let driver = flags.driver === false ? undefined : flags.driver;
        let ownEndpoints: string[] | undefined;
        if (mode === 'reference') {
          print(`mode: ${REFERENCE_LABEL}`);
          driver ??= referenceDriverUrl(target.url);
        } else {
          // The driver makes the partner's POS act (launch, book, change a status); the sandbox's own reference POS
          // acting instead would pass those rows on what the sandbox did.
          if (driver && isReferencePos(driver.endsWith('/') ? driver : `${driver}/`, target.url)) {
            throw new UsageError(`--driver ${driver} is the sandbox's own reference POS, not ${flags.partner}'s system: in partner mode the driver must make your POS act (or give none and act in your POS); to check the sandbox itself, use --reference-pos`);
          }
          const endpoints = await findPartnerEndpoints(target.client, flags.partner, flags.webhook);
          const registered = [...new Set([...ownEndpointsOf(endpoints), ...(endpoints.several ?? []).flatMap((k) => k.urls)])];
          const unknown = flags.webhook.filter((u) => !registered.includes(u));
          if (unknown.length) throw new UsageError(`--webhook ${unknown.join(', ')}: none of partner ${flags.partner}'s registered endpoints (${registered.join(', ') || 'none'})`);
          // Only the kinds this run's scenarios deliver to need saying: several Ocean webhooks do not block an HCIM run.
          const needed = new Set(library.map(endpointNeed));
          const several = (endpoints.several ?? []).filter((k) => needed.has(k.need));
          if (several.length) {
            throw new UsageError(`partner ${flags.partner} has several ${several.map((k) => `${k.kind}s (${k.urls.join(', ')})`).join(' and several ')}: say which is your system's with --webhook <url>; only the sandbox's deliveries to it count as your evidence`);
          }
          runnable = [];
          for (const s of library) {
            const plan = planScenario(s, endpoints);
            if (plan.run) runnable.push(s), (vars = { ...vars, ...plan.vars });
            else notRun.push({ scenario: s, reason: plan.reason, command: plan.command });
          }
          ownEndpoints = ownEndpointsOf(endpoints);
          print(`mode: partner ${flags.partner}'s own endpoints${endpoints.ocean ? ` (Ocean webhook ${endpoints.ocean.url})` : ''}; ${runnable.length} scenario(s) to run, ${notRun.length} not run`);
        }
        const { report, journal } = runnable.length
          ? await runOn(target, runnable, { ...flags, isolate: true, quiet: true }, { vars, driver })
          : { report: emptyReport(flags.partner, target.url, (await target.client.admin<{ now: string }>('GET', '/clock')).now), journal: [] };
        const patience = formatDuration(patienceOf(flags, target.where));
        const sheet = buildWorksheet({ report, journal, mode, lists, notRun, patience, ...(ownEndpoints ? { ownEndpoints } : {}), outsideLibrary: await outsideLibrary(runnable), generatedAt: new Date().toISOString(), sandbox: { url: target.url, version: target.version, seed: target.seed, where: target.where } });
        await mkdir(flags.out, { recursive: true });
        const base = join(flags.out, `conformance-${flags.partner}${mode === 'reference' ? '-reference-pos' : ''}`);
        await writeFile(`${base}.md`, renderWorksheetMarkdown(sheet));
        await writeFile(`${base}.html`, renderWorksheetHtml(sheet));
        await writeFile(`${base}.json`, JSON.stringify(sheet, null, 2) + '\n');
        print(`${summary(report)}\nwrote ${base}.md, .html and .json`);
        for (const r of sheet.rows.filter((x) => x.result !== 'Pass')) print(`  ${r.result}: ${r.useCase} (${r.list})${r.message ? ` — ${r.message.split('\n')[0]}` : ''}${r.command ? `\n    register with: ${r.command}` : ''}`);
        const blocking = blockingRows(sheet);
        const required = blocking.filter((g) => g.priority === 'Required');
        const failed = blocking.filter((g) => g.priority !== 'Required');
        const list = (rows: typeof blocking) => rows.map((g) => `${g.useCase} (${g.list}: ${g.result})`).join('; ');
        if (blocking.length) throw new Error([required.length ? `${required.length} Required use case(s) not passed: ${list(required)}` : '', failed.length ? `${failed.length} other use case(s) failed: ${list(failed)}` : ''].filter(Boolean).join('; '));
      } finally {
        await target.close();
      }
    });
}
