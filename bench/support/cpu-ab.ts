// CPU per request of every read path on two builds at once (before and after), alternating short load runs on
// each so that both share the machine's load of the moment; medians over rounds. The steady measure on a busy
// machine: wall-clock throughput swings with other processes, the CPU a request costs much less.
import { join } from 'node:path';
import { threadCpuOf } from './cpu-time.js';
import { measure } from './load.js';
import { readPaths } from './read-paths.js';
import { spawnTarget, type Target } from './targets.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU µs a request: the main thread's and the other threads' (the collector's helpers, mostly). */
async function cpuPerRequest(target: Target, req: Parameters<typeof measure>[1], seconds: number): Promise<{ main: number; others: number }> {
  const before = threadCpuOf(target.pid);
  const r = await measure(target.url, req, seconds);
  if (r.non2xx || r.errors) throw new Error(`${req.path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  const after = threadCpuOf(target.pid);
  const n = Math.max(1, r.total);
  return { main: (after.main - before.main) / n, others: (after.others - before.others) / n };
}

/**
 * Prints, per path, the median CPU µs per request of each build and their ratio, and the medians of the main
 * thread's share and the other threads' (V8's collector helpers, mostly) apart.
 */
export async function cpuAb(builds: { before: string; after: string }, port: number, rounds: number, seconds: number, only?: RegExp): Promise<void> {
  const start = (dir: string, p: number) => spawnTarget([join(dir, 'dist/cli/index.js'), 'start', '--ephemeral', '--port', String(p), '--log', 'error'], p, '/admin/health');
  const targets = [await start(builds.before, port), await start(builds.after, port + 1)];
  try {
    // Tokens expire (the realm's after 5 minutes): a round asks for fresh ones, or a long run ends in 401s.
    const pathsNow = async () => (await Promise.all(targets.map((t) => readPaths(t.url)))).map((list) => list.filter(([label]) => !only || only.test(label)));
    let paths = await pathsNow();
    const cpu = paths[0]!.map(() => [[], []] as Array<Array<{ main: number; others: number }>>);
    // One warm-up run per path and build: the JIT settles before anything counts.
    for (const [i] of paths[0]!.entries()) for (const [b, t] of targets.entries()) await measure(t.url, paths[b]![i]![1], 1);
    for (let r = 0; r < rounds; r++) {
      if (r) paths = await pathsNow();
      for (const [i] of paths[0]!.entries()) {
        const order = r % 2 ? [1, 0] : [0, 1];
        for (const b of order) cpu[i]![b]!.push(await cpuPerRequest(targets[b]!, paths[b]![i]![1], seconds));
      }
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-CA');
    const medians = (runs: Array<{ main: number; others: number }>) => ({
      total: median(runs.map((x) => x.main + x.others)),
      main: median(runs.map((x) => x.main)),
      others: median(runs.map((x) => x.others)),
    });
    console.log(`| path | before CPU µs/req | after CPU µs/req | after ÷ before | before: main / other threads | after: main / other threads |`);
    console.log(`|---|---|---|---|---|---|`);
    for (const [i, [label]] of paths[0]!.entries()) {
      const [b, a] = [medians(cpu[i]![0]!), medians(cpu[i]![1]!)];
      console.log(`| ${label} | ${fmt(b.total)} | ${fmt(a.total)} | ${(a.total / b.total).toFixed(2)} | ${fmt(b.main)} / ${fmt(b.others)} | ${fmt(a.main)} / ${fmt(a.others)} |`);
    }
  } finally {
    for (const t of targets) await t.stop();
  }
}
