// `hie-sandbox scenario record --partner X [--since <journal id|instant>] --out my-flow.yaml`: a manual session as a replayable scenario.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { Command } from 'commander';
import type { JournalEntry } from '../journal/index.js';
import { journalGap, NothingToRecordError, recordSession } from '../scenarios/index.js';
import { UsageError } from './errors.js';
import { repeatable } from './options.js';
import { assertPartner, openScenarioSandbox } from './scenario-target.js';
import { DEFAULT_URL } from './admin-client.js';

interface Flags {
  partner: string;
  since?: string;
  out: string;
  id?: string;
  url: string;
  webhook: string[];
}

/**
 * Why the recording may lack exchanges: entries after `--since` (an id) fell off the journal's bounds, or, with no
 * `--since`, the journal no longer starts at its first entry. Undefined when it holds all that was asked for.
 */
export function lostBefore(since: string | undefined, oldest: number): string | undefined {
  if (!(oldest > 1)) return undefined;
  if (since === undefined) return `the journal starts at entry #${oldest}: exchanges before it fell off its bounds and are not in the recording`;
  const gap = /^\d+$/.test(since) ? journalGap(Number(since), oldest) : undefined;
  return gap && `exchanges ${gap} fell off the journal's bounds and are not in the recording: record sooner after the session, or raise HIE_SANDBOX_JOURNAL_SIZE and HIE_SANDBOX_JOURNAL_BYTES`;
}

/** A scenario id from the file name (`my-flow.yaml` → `my-flow`). */
const idFrom = (file: string) => trimDashes(basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9-]+/g, '-')).padEnd(3, '-').slice(0, 81);

/** Without leading and trailing dashes (a loop: a regex anchored at the end backtracks quadratically). */
function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}

export function registerRecordCommand(scenario: Command): void {
  scenario
    .command('record')
    .description('turn what a partner\'s POS did by hand (its calls, and what the sandbox sent it) into a scenario that replays it')
    .requiredOption('--partner <name>', 'the partner whose session to record')
    .requiredOption('--out <file>', 'the scenario file to write, e.g. my-flow.yaml')
    .option('--since <id|instant>', 'start after this journal entry id, or at this ISO 8601 instant (simulated time); default: the whole journal')
    .option('--id <id>', 'the scenario id (default: from the file name)')
    .option('--url <url>', 'the sandbox whose journal to read', DEFAULT_URL)
    .option('--webhook <url>', "the partner's own endpoint (webhook, distribution, notification or call-back) on a shared partner: deliveries to others are left out; repeatable", repeatable, [] as string[])
    .action(async (flags: Flags) => {
      if (flags.since && !/^\d+$/.test(flags.since) && Number.isNaN(Date.parse(flags.since))) throw new UsageError('--since must be a journal entry id or an ISO 8601 instant');
      const target = await openScenarioSandbox({ url: flags.url }, (line) => void process.stdout.write(line + '\n'));
      await assertPartner(target, flags.partner);
      const q = new URLSearchParams({ limit: '10000', ...(flags.since ? { since: flags.since } : {}) });
      const res = await target.client.adminWithHeaders<JournalEntry[]>('GET', `/journal?${q}`);
      const journal = res.json;
      const lost = lostBefore(flags.since, Number(res.headers['journal-oldest-id']));
      try {
        const id = flags.id ?? idFrom(flags.out);
        const recording = recordSession(journal, { partner: flags.partner, sandbox: target.url, id, source: `the journal of ${target.url} since ${flags.since ?? 'its start'}`, ...(flags.webhook.length ? { ownEndpoints: flags.webhook } : {}) });
        await mkdir(dirname(flags.out), { recursive: true });
        await writeFile(flags.out, recording.yaml);
        process.stdout.write(`wrote ${flags.out}: ${recording.scenario.steps.length} steps from ${recording.entries.length} exchange(s) of ${flags.partner}\n`);
        for (const w of recording.warnings) process.stdout.write(`  note: ${w}\n`);
        if (lost) process.stdout.write(`  note: ${lost}\n`);
        process.stdout.write(`replay it: hie-sandbox scenario run ${flags.out} --partner ${flags.partner} --no-driver --url ${target.url}\n`);
      } catch (err) {
        if (err instanceof NothingToRecordError) throw new UsageError(err.message);
        throw err;
      }
    });
}
