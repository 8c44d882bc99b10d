// `hie-sandbox seed`: writes the synthetic population as FHIR NDJSON files, with a progress bar on stderr.
import { Command } from 'commander';
import { createPopulation, writePopulationNdjson, type NdjsonProgress } from '../population/index.js';
import { configFromFlags, parseDate, parseInteger, type SandboxFlags } from './options.js';

interface SeedFlags extends SandboxFlags {
  out: string;
  progress?: boolean;
}

/** A one-line progress bar redrawn in place ("\r"); only written where a person will see it. */
function progressBar(write: (text: string) => void): (p: NdjsonProgress) => void {
  return ({ done, total }) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const percent = ((done / total) * 100).toFixed(1).padStart(5);
    write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}%  ${done.toLocaleString('en-CA')}/${total.toLocaleString('en-CA')} patients`);
    if (done === total) write('\n');
  };
}

/** Where no terminal redraws a bar (a CI log, a pipe): one plain line per tenth of the patients written. */
export function progressLines(write: (text: string) => void): (p: NdjsonProgress) => void {
  let tenth = 0;
  return ({ done, total }) => {
    const now = Math.floor((done * 10) / total);
    if (now <= tenth) return;
    tenth = now;
    write(`hie-sandbox: seed: ${done.toLocaleString('en-CA')} of ${total.toLocaleString('en-CA')} patients written (${now * 10}%)\n`);
  };
}

/**
 * Registers `seed --seed N --patients N --out DIR [--reference-date YYYY-MM-DD] [--progress]`.
 * The population is the one `start` serves for the same seed, reference date and sizes
 * (HIE_SANDBOX_* variables apply the same way).
 */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('write the synthetic population as FHIR NDJSON (one file per resource type), stats.json and the duplicate answer key')
    .requiredOption('--out <dir>', 'directory to write (created if missing)')
    .option('--seed <n>', 'population seed (default 1)', parseInteger(0))
    .option('--patients <n>', 'number of synthetic patients (default 10000)', parseInteger(9, 5_000_000))
    .option('--reference-date <yyyy-mm-dd>', 'date the population is generated relative to (default 2026-01-01)', parseDate)
    .option('--progress', 'show a progress bar even when stderr is not a terminal')
    .action(async (flags: SeedFlags) => {
      const config = configFromFlags(flags, process.env);
      const started = performance.now();
      const population = createPopulation({ seed: config.seed, referenceDate: config.referenceDate, sizes: config.sizes });
      const write = (text: string): void => void process.stderr.write(text);
      const big = config.sizes.patients >= 10_000;
      const bar = flags.progress === true || (process.stderr.isTTY === true && big);
      const stats = await writePopulationNdjson(population, flags.out, bar ? progressBar(write) : big ? progressLines(write) : undefined);
      const resources = Object.values(stats.resources).reduce((a, b) => a + b, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const what = `${resources.toLocaleString('en-CA')} resources for ${config.sizes.patients.toLocaleString('en-CA')} patients`;
      write(`hie-sandbox: wrote ${what} (seed ${config.seed}, reference date ${config.referenceDate}) to ${flags.out} in ${seconds} s\n`);
    });
}
