// `hie-sandbox hcim evaluate`: HCIM match quality (precision, recall, scores) over the population's injected duplicates.
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createApp } from '../app.js';
import { DEFAULT_PORT } from '../config.js';
import { buildDeps } from '../deps.js';
import { QUERY_PROFILES, type Histogram, type MatchEvaluation, type QueryProfile } from '../hcim/evaluate.js';
import { createHcimSystem } from '../hcim/index.js';
import { createLogger } from '../log.js';
import { sandboxAnswers } from './admin-client.js';
import { UsageError } from './errors.js';
import { configFromFlags, parseDate, parseInteger } from './options.js';

interface EvaluateFlags {
  url: string;
  profile: QueryProfile;
  json?: boolean;
  seed?: number;
  patients?: number;
  referenceDate?: string;
  minRecall?: number;
  minPrecision?: number;
}

const DEFAULT_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

function parseRatio(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a ratio from 0 to 1');
  return n;
}

async function evaluateAt(base: string, profile: QueryProfile): Promise<MatchEvaluation> {
  const res = await fetch(`${base}/admin/hcim/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile }) });
  const json = (await res.json().catch(() => ({}))) as MatchEvaluation & { issue?: Array<{ diagnostics?: string }> };
  if (res.status === 404) throw new UsageError(`the sandbox at ${base} has no HCIM admin API (is HCIM mounted?)`);
  if (res.status >= 400 && res.status < 500) throw new UsageError(json.issue?.[0]?.diagnostics ?? `HTTP ${res.status}`);
  if (!res.ok) throw new Error(`the sandbox at ${base} answered HTTP ${res.status}`);
  return json;
}

/** Asks the running sandbox; without one, builds the population from the flags in memory and asks that. */
async function evaluate(flags: EvaluateFlags): Promise<{ result: MatchEvaluation; where: string }> {
  const url = flags.url.replace(/\/$/, '');
  if (await sandboxAnswers(url)) return { result: await evaluateAt(url, flags.profile), where: `the sandbox running at ${url}` };
  const config = configFromFlags({ ephemeral: true, seed: flags.seed, patients: flags.patients, referenceDate: flags.referenceDate }, process.env);
  const sandbox = await createApp(await buildDeps(config, { log: createLogger('error') }), [createHcimSystem]);
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const result = await evaluateAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, flags.profile);
    return { result, where: 'a fresh in-memory population (no sandbox was running)' };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await sandbox.close();
  }
}

const ratio = (n: number) => n.toFixed(3);

/** The evaluation as a readable report. */
export function formatEvaluation(e: MatchEvaluation, where: string): string {
  const t = e.thresholds;
  const lines = [
    `HCIM match evaluation on ${where}`,
    `population: ${e.population.patients.toLocaleString('en-CA')} patients, seed ${e.population.seed}, reference date ${e.population.referenceDate}`,
    `searches:   ${e.pairs} injected duplicates, query profile "${e.profile}"; candidates need score >= ${t.minScore} and >= ${Math.round(t.minRatio * 100)}% of the query's attainable score, at most ${t.maxCandidates}`,
    `recall      ${ratio(e.recall)}  (${e.found} of ${e.pairs} originals found${e.refused ? `, ${e.refused} searches refused` : ''})`,
    `precision   ${ratio(e.precision)}  (${e.truePositives} same-person candidates, ${e.falsePositives} someone else)`,
    '',
    'by variant:',
    ...Object.entries(e.byVariant)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([variant, v]) => `  ${variant.padEnd(20)} ${String(v.found).padStart(5)} / ${String(v.pairs).padEnd(5)} ${ratio(v.pairs ? v.found / v.pairs : 1)}`),
    '',
    `score distribution (raw EMPI score, buckets of ${e.scores.bucketSize}):`,
    `  ${'score'.padEnd(9)} ${'same person'.padStart(12)} ${'someone else'.padStart(13)} ${'best other (any score)'.padStart(23)}`,
    ...histogramRows(e.scores.match, e.scores.nonMatch, e.scores.bestNonMatch, e.scores.bucketSize),
  ];
  if (e.missed.length) {
    lines.push('', 'missed (first ones):');
    for (const m of e.missed) lines.push(`  ${m.variant.padEnd(20)} duplicate ${m.duplicatePhn} -> original ${m.originalPhn}${m.refused ? ` (refused: ${m.refused})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function histogramRows(match: Histogram, nonMatch: Histogram, best: Histogram, size: number): string[] {
  const buckets = [...new Set([...Object.keys(match), ...Object.keys(nonMatch), ...Object.keys(best)])].map(Number).sort((a, b) => a - b);
  return buckets.map((b) => {
    const k = String(b);
    return `  ${`${b}-${b + size - 1}`.padEnd(9)} ${String(match[k] ?? 0).padStart(12)} ${String(nonMatch[k] ?? 0).padStart(13)} ${String(best[k] ?? 0).padStart(23)}`;
  });
}

export function registerHcimCommands(program: Command): void {
  const hcim = program.command('hcim').description('HCIM (Provincial Client Registry) tools');
  hcim
    .command('evaluate')
    .description("run FindCandidates for every injected duplicate of the population's answer key; print precision, recall and the score distribution")
    .option('--url <url>', 'a running sandbox to evaluate (else a fresh in-memory population is built from the flags below)', DEFAULT_URL)
    .addOption(new Option('--profile <profile>', 'query fields: full (name, gender, DOB, address, phones) or minimal (name, gender, DOB)').choices([...QUERY_PROFILES]).default('full'))
    .option('--seed <n>', 'population seed (no running sandbox)', parseInteger(0))
    .option('--patients <n>', 'number of synthetic patients (no running sandbox; default 10000)', parseInteger(1, 5_000_000))
    .option('--reference-date <yyyy-mm-dd>', 'population reference date (no running sandbox)', parseDate)
    .option('--min-recall <ratio>', 'exit 1 when recall is below this', parseRatio)
    .option('--min-precision <ratio>', 'exit 1 when precision is below this', parseRatio)
    .option('--json', 'print the evaluation as JSON')
    .action(async (flags: EvaluateFlags) => {
      const { result, where } = await evaluate(flags);
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatEvaluation(result, where));
      const low = [
        flags.minRecall !== undefined && result.recall < flags.minRecall && `recall ${ratio(result.recall)} < ${flags.minRecall}`,
        flags.minPrecision !== undefined && result.precision < flags.minPrecision && `precision ${ratio(result.precision)} < ${flags.minPrecision}`,
      ].filter(Boolean);
      if (low.length) throw new Error(`match quality below the bar: ${low.join(', ')}`);
    });
}
