// bench/hcim-cli: HCIM at scale the way a partner runs it, through the built CLI (`hie-sandbox start --patients N`),
// every system mounted: time from spawn to the banner and to the first answered $FindCandidates (the index builds in
// worker threads meanwhile), the event loop's stalls seen from inside the process (bench/support/loop-probe.cjs,
// preloaded), health polls every 20 ms while the index builds, then $FindCandidates p50/p95 once it is built.
// A first start (fresh cache directory) and a next start (it reads the index file the first one saved).
// bench/hcim.ts measures the HCIM system alone, in-process; this one sees what the other systems' start-up work
// (PLR's sliced first build, Ocean) does to the same loop.
// Run: npm run build, then npx tsx bench/hcim-cli.ts [--patients 1000000] [--rounds n] [--before <dir>]
//   --before <dir>: another built checkout (its dist/cli/index.js), alternating with this one each round.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './support/bench-sandbox.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const probe = join(root, 'bench', 'support', 'loop-probe.cjs');
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const patients = Number(option('--patients') ?? 1_000_000);
const rounds = Number(option('--rounds') ?? 1);
const before = option('--before');
const SEARCHES = 100;

/** What /proc says of a process: CPU (ms, every thread) and resident memory (MB, now and peak). */
function procOf(pid: number): { cpu: number; rss: number; peak: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { cpu: (Number(fields[11]) + Number(fields[12])) * 10, rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const findCandidates = (n: number) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `bench-cli-${process.pid}-${n}` }] } },
      // Common names over the whole province: every search reads many blocks of the index.
      { resource: { resourceType: 'Patient', name: [{ family: ['Smith', 'Lee', 'Wong', 'Brown'][n % 4], given: [['John', 'Mary', 'David', 'Linda'][n % 4]!] }], birthDate: `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`, gender: n % 2 ? 'male' : 'female' } },
    ],
  });

interface Run {
  banner: number;
  firstAnswer: number;
  refused: number;
  /** Worst health poll while the index built; the first poll (a fresh process's first request) apart. */
  firstPoll: number;
  worstPoll: number;
  /** Stalls of the loop after the banner, until the first answer: [ms since spawn, ms late], longest first. */
  buildStalls: Array<[number, number]>;
  loadWorst: number;
  p50: number;
  p95: number;
  cpu: number;
  rss: number;
  peak: number;
}

async function run(cli: string, cache: string): Promise<Run> {
  const notes = join(cache, `loop-${Date.now()}.json`);
  const t0 = performance.now();
  const epoch0 = performance.timeOrigin + t0;
  const child = spawn(process.execPath, ['--require', probe, cli, 'start', '--ephemeral', '--no-auth', '--patients', String(patients), '--port', '0', '--log', 'error'], {
    env: { ...process.env, TMPDIR: cache, HIE_BENCH_LOOP_PROBE: notes },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  // A run that fails leaves no sandbox behind: the bench exits on the error, and the child with it.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url && out.includes('Demo partner')) resolve(url);
    });
    void exited.then(() => reject(new Error(`the sandbox exited before its banner: ${out.slice(-500)}`)));
  });
  const banner = performance.now() - t0;
  const post = (n: number) => fetch(`${base}/hcim/fhir/Patient/$FindCandidates`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', userid: 'bench@IDIR' }, body: findCandidates(n) });
  const polls: number[] = [];
  let answered = false;
  const polling = (async () => {
    while (!answered) {
      const t = performance.now();
      await (await fetch(`${base}/admin/health`)).arrayBuffer();
      polls.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  let refused = 0;
  for (let n = 0; ; n++) {
    const res = await post(n);
    const text = await res.text();
    if (res.status === 200) break;
    if (!text.includes('FC.2.0004')) throw new Error(`$FindCandidates answered ${res.status}: ${text.slice(0, 300)}`);
    refused += 1;
    if (performance.now() - t0 > 300_000) throw new Error(`no $FindCandidates answered within 5 minutes of the spawn (${refused} refused)`);
  }
  const firstAnswer = performance.now() - t0;
  answered = true;
  await polling;
  const atAnswer = procOf(child.pid!);
  const loadFrom = performance.now();
  const times: number[] = [];
  for (let n = 1; n <= SEARCHES; n++) {
    const t = performance.now();
    const res = await post(n);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`$FindCandidates answered ${res.status}`);
    times.push(performance.now() - t);
  }
  const loadTo = performance.now();
  const peak = procOf(child.pid!).peak;
  child.kill('SIGTERM');
  await exited;
  process.off('exit', orphan);
  const stalls = (JSON.parse(readFileSync(notes, 'utf8')) as Array<[number, number]>).map(([at, late]): [number, number] => [at - epoch0, late]);
  const within = (from: number, to: number) => stalls.filter(([at]) => at >= from && at <= to).sort((a, b) => b[1] - a[1]);
  return {
    banner,
    firstAnswer,
    refused,
    firstPoll: polls[0] ?? Number.NaN,
    worstPoll: Math.max(0, ...polls.slice(1)),
    buildStalls: within(banner, firstAnswer),
    loadWorst: within(loadFrom - t0, loadTo - t0)[0]?.[1] ?? 0,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cpu: atAnswer.cpu,
    rss: atAnswer.rss,
    peak,
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const builds: Array<[string, string]> = [...(before ? [['before', join(before, 'dist', 'cli', 'index.js')] as [string, string]] : []), ['after', join(root, 'dist', 'cli', 'index.js')]];
console.log(`hcim-cli: ${patients.toLocaleString('en-CA')} patients through the CLI (--ephemeral --no-auth), every system mounted; loop stalls are a 10 ms timer's lateness inside the process, after the banner`);
console.log('| build, start | banner | first FindCandidates (refused) | CPU then | worst loop stall while building (3 longest, s after spawn) | first / worst later health poll | FindCandidates p50 / p95 | worst stall under load | RSS then / peak | load |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (let round = 1; round <= rounds; round++) {
  for (const [label, cli] of builds) {
    const cache = mkdtempSync(join(tmpdir(), 'hcim-cli-bench-'));
    try {
      for (const start of ['first start', 'next start']) {
        const r = await run(cli, cache);
        const stalls = r.buildStalls.slice(0, 3).map(([at, late]) => `${late} @ ${(at / 1000).toFixed(2)}`).join(', ') || 'none over 5 ms';
        console.log(
          `| ${label}, ${start} | ${s(r.banner)} | ${s(r.firstAnswer)} (${r.refused}) | ${s(r.cpu)} | ${r.buildStalls[0]?.[1] ?? 0} ms (${stalls}) | ${Math.round(r.firstPoll)} / ${Math.round(r.worstPoll)} ms | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms | ${r.loadWorst} ms | ${r.rss} / ${r.peak} MB | ${loadavg()[0]!.toFixed(2)} |`,
        );
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
}
