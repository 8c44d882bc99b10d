// Soak: the sandbox on a data file under mixed load for N minutes; every 15 s prints RSS, heap, event-loop delay
// p99, journal bytes, queue depths and data size; ends with a verdict. Run: npx tsx bench/soak.ts --minutes 10
import { fork } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startSandbox } from '../src/main.js';

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const minutes = Number(process.argv.includes('--minutes') ? arg('minutes') : (process.env.SOAK_MINUTES ?? 2));
const INTERVAL_MS = 15_000;
const WARM_UP_MS = 60_000;

const dir = await mkdtemp(join(tmpdir(), 'hie-soak-'));
const data = join(dir, 'sandbox.json');
const config = loadConfig({}, { port: 0, dataFile: data, clock: { kind: 'manual' }, auth: false, sizes: { patients: 10_000 } });
const running = await startSandbox(config, createLogger('error'));
const { deps } = running.sandbox;
const load = fork(join(import.meta.dirname, 'support/soak-load.ts'), [running.url], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const idle = fork(join(import.meta.dirname, 'support/soak-idle.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

interface Row { t: number; rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number; loopP99: number; idleP99: number; healthP50: number; reqs: number; errors: number; journalMb: number; pending: number; dead: number; kept: number; dataMb: number; walMb: number; referrals: number; load: number }
const rows: Row[] = [];
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const dirBytes = async (d: string) => (await Promise.all((await readdir(d).catch(() => [])).map((f) => stat(join(d, f)).then((s) => s.size)))).reduce((a, b) => a + b, 0);
const askIdle = () => new Promise<{ p99: number }>((resolve) => {
  idle.once('message', (m) => resolve(m as never));
  idle.send('tick');
});
const ask = () => new Promise<{ requests: number; errors: number; healthP50: number; lazySubscriberClosed: number | null }>((resolve) => {
  load.once('message', (m) => resolve(m as never));
  load.send('tick');
});

console.log(`soak: ${minutes} min on ${data}; a row every ${INTERVAL_MS / 1000} s`);
console.log('   t  rss MB  heap MB  heap total MB  external MB  loop p99 ms  idle p99 ms  health p50 ms  req/s  5xx  journal MB  pending  dead  kept  data MB  wal MB  referrals  load 1m');
const t0 = Date.now();
let lazyClosed: number | null = null;
while (Date.now() - t0 < minutes * 60_000) {
  await new Promise((r) => setTimeout(r, INTERVAL_MS));
  const fromLoad = await ask();
  const baseline = await askIdle();
  lazyClosed = fromLoad.lazySubscriberClosed;
  const c = deps.delivery.counts();
  const memory = process.memoryUsage();
  const row: Row = {
    t: Math.round((Date.now() - t0) / 1000),
    rssMb: mb(process.memoryUsage.rss()),
    heapMb: mb(memory.heapUsed),
    heapTotalMb: mb(memory.heapTotal),
    externalMb: mb(memory.external),
    loopP99: Math.round(loop.percentile(99) / 1e5) / 10,
    idleP99: baseline.p99,
    healthP50: Math.round(fromLoad.healthP50 * 10) / 10,
    reqs: Math.round(fromLoad.requests / (INTERVAL_MS / 1000)),
    errors: fromLoad.errors,
    journalMb: mb(deps.journal.bytes()),
    pending: c.pending,
    dead: c.dead,
    kept: c.delivered + c.dead,
    dataMb: mb((await stat(data)).size),
    walMb: mb(await dirBytes(data.replace(/\.json$/, '.wal'))),
    referrals: deps.store.count('ocean.referrals'),
    load: Math.round(loadavg()[0]! * 10) / 10,
  };
  loop.reset();
  rows.push(row);
  console.log([row.t, row.rssMb, row.heapMb, row.heapTotalMb, row.externalMb, row.loopP99, row.idleP99, row.healthP50, row.reqs, row.errors, row.journalMb, row.pending, row.dead, row.kept, row.dataMb, row.walMb, row.referrals, row.load].map((v, i) => String(v).padStart(i === 0 ? 4 : 7)).join(' '));
}
load.kill();
idle.kill();
const sizes = Object.keys(deps.store.counts()).map((c) => {
  let bytes = 0;
  for (const v of deps.store.values(c)) bytes += JSON.stringify(v).length;
  return { c, n: deps.store.count(c), mb: mb(bytes) };
});
console.log(`largest collections: ${sizes.sort((a, b) => b.mb - a.mb).slice(0, 5).map((x) => `${x.c} ${x.n} (${x.mb} MB)`).join(', ')}`);
const stopT0 = performance.now();
await running.stop();
const stopMs = Math.round(performance.now() - stopT0);

// Warm-up: the first minute, and until the referral bound has filled and the retry queue has levelled off (state
// grows until then, by design), at most half the run. After it, RSS must stay within ±10% of its median.
const bound = deps.config.bounds.oceanReferrals;
const filledAt = rows.find((r) => r.t * 1000 > WARM_UP_MS && r.referrals >= 0.95 * bound)?.t ?? Infinity;
// The retry queue fills too: webhooks failing every other call are retried on a schedule in simulated time, so
// pending deliveries grow for minutes before they level off. Warm until they reach 90% of their second-half median.
const pendingLevel = 0.9 * median(rows.slice(Math.floor(rows.length / 2)).map((r) => r.pending));
const queueAt = rows.find((r) => r.t * 1000 > WARM_UP_MS && r.pending >= pendingLevel)?.t ?? Infinity;
const warmUpEnd = Math.min(Math.max(WARM_UP_MS / 1000, filledAt, queueAt), (minutes * 60) / 2);
const warm = rows.filter((r) => r.t > warmUpEnd);
const firstMinute = rows.filter((r) => r.t * 1000 <= WARM_UP_MS);
const after = warm.length ? warm : rows;
const rssMid = median(after.map((r) => r.rssMb));
const rssSpread = Math.max(...after.map((r) => Math.abs(r.rssMb - rssMid) / rssMid));
console.log(`warm-up: ${warmUpEnd} s (referral bound ${bound} ${filledAt === Infinity ? 'not reached' : `95% full at ${filledAt} s`}; pending deliveries ${queueAt === Infinity ? 'never' : `at ${queueAt} s`} at 90% of their second-half median, ${Math.round(pendingLevel / 0.9)}); RSS after it ${Math.min(...after.map((r) => r.rssMb))}-${Math.max(...after.map((r) => r.rssMb))} MB (median ${rssMid})`);
const excess = after.map((r) => Math.max(0, r.loopP99 - r.idleP99));
console.log(`event-loop p99 above the idle process's, after warm-up: median ${median(excess).toFixed(1)} ms, worst ${Math.max(...excess).toFixed(1)} ms`);
const lastHalf = rows.slice(Math.floor(rows.length / 2));
const lastHalfMid = median(lastHalf.map((r) => r.rssMb));
console.log(`RSS over the second half: ${Math.min(...lastHalf.map((r) => r.rssMb))}-${Math.max(...lastHalf.map((r) => r.rssMb))} MB (median ${lastHalfMid})`);
const healthFirst = Math.max(0.1, median(firstMinute.map((r) => r.healthP50)));
const healthLast = median(after.slice(-4).map((r) => r.healthP50));
const loopWorst = Math.max(...after.map((r) => r.loopP99));
const idleWorst = Math.max(...after.map((r) => r.idleP99));
const pendingMax = Math.max(...after.map((r) => r.pending));
// Bounded = not growing: the second half after warm-up holds no more than the first half (with 50% slack).
const halves = [after.slice(0, Math.ceil(after.length / 2)), after.slice(Math.ceil(after.length / 2))];
const maxOf = (rs: Row[], f: (r: Row) => number) => (rs.length ? Math.max(...rs.map(f)) : 0);
const pendingEarly = maxOf(halves[0]!, (r) => r.pending);
const pendingLate = maxOf(halves[1]!, (r) => r.pending);
const dataEarly = maxOf(halves[0]!, (r) => r.dataMb);
const dataLate = maxOf(halves[1]!, (r) => r.dataMb);
const walWorst = maxOf(after, (r) => r.walMb);
const dataWorst = maxOf(after, (r) => r.dataMb);
const checks: Array<[string, boolean]> = [
  [`RSS within ±10% of its median after warm-up (${Math.round(rssSpread * 100)}%)`, rssSpread <= 0.1],
  [`health p50 within 2x of the first minute (${healthFirst} -> ${healthLast} ms)`, healthLast <= 2 * healthFirst],
  [`event-loop p99 under 50 ms (worst ${loopWorst} ms; an idle process on this machine, same run: worst ${idleWorst} ms)`, loopWorst < 50],
  [`pending deliveries bounded (max ${pendingEarly} then ${pendingLate}; overall ${pendingMax})`, pendingLate <= Math.max(200, 1.5 * pendingEarly)],
  [`data file bounded (max ${dataEarly} MB then ${dataLate} MB)`, dataLate <= Math.max(1, 1.2 * dataEarly)],
  [`journal within its byte bound (${rows.at(-1)!.journalMb} MB of ${mb(deps.journal.maxBytes)})`, deps.journal.bytes() <= deps.journal.maxBytes],
  // The log is folded once it holds as much as the data file (at least 8 MiB): at most about twice that.
  [`write-ahead log folded (worst ${walWorst} MB; data file up to ${dataWorst} MB)`, walWorst <= Math.max(16, 2 * dataWorst + 8)],
  // 1008 when it reads its backlog within a second of the close, 1006 when the server had to cut it off.
  [`a subscriber that never reads was dropped by the server (close ${lazyClosed})`, lazyClosed === 1008 || lazyClosed === 1006],
  [`SIGTERM-equivalent stop under 2 s (${stopMs} ms)`, stopMs < 2000],
];
const failed = checks.filter(([, ok]) => !ok);
for (const [text, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
console.log(`data file ${rows[0]!.dataMb} -> ${rows.at(-1)!.dataMb} MB (referrals kept up to their bound: ${deps.config.bounds.oceanReferrals})`);
console.log(`machine: ${cpus().length} cores, load average (1 min) ${Math.min(...rows.map((r) => r.load))}-${Math.max(...rows.map((r) => r.load))} during the run`);
console.log(`verdict: ${failed.length ? `FAIL (${failed.length} of ${checks.length})` : `PASS (${checks.length} checks)`} over ${minutes} min, ${Math.round(rows.reduce((s, r) => s + r.reqs * 15, 0))} requests`);
await rm(dir, { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}
