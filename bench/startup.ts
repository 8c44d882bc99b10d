// bench/startup: time from spawn to the first 200 of /admin/health, next to a bare node:http server, and (with
// --before DIR) next to another built checkout of the sandbox, the three spawned alternately in the same run.
// Beside the wall time, the CPU time the process had used when it answered (user + system, all its threads, from
// /proc on Linux): it moves much less than the wall time when other work shares the machine.
// Run: npx tsx bench/startup.ts [runs] [--before DIR]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2]?.startsWith('--') ? 5 : (process.argv[2] ?? 5));
const beforeAt = process.argv.indexOf('--before');
const before = beforeAt > 0 ? process.argv[beforeAt + 1] : undefined;
const root = fileURLToPath(new URL('..', import.meta.url));
const bare = join(mkdtempSync(join(tmpdir(), 'hie-bench-')), 'bare.mjs');
writeFileSync(bare, `import http from 'node:http';
http.createServer((q, s) => { s.writeHead(200, {'content-type': 'application/json'}); s.end('{"status":"ok"}'); })
  .listen(Number(process.env.PORT), '127.0.0.1');`);

/** CPU time (ms) a process has used so far, or NaN where /proc is not there. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ, 100 on Linux)
  } catch {
    return Number.NaN;
  }
}

interface Sample {
  wall: number;
  cpu: number;
}

async function timeToFirst200(args: string[], port: number, path: string, cwd = root): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        if (res.status === 200) {
          await res.arrayBuffer();
          return { wall: performance.now() - t0, cpu: cpuMsOf(child.pid) };
        }
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error(`no 200 from ${args.join(' ')} within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    // A child that already exited (a start that failed) emits no more 'exit': waiting for it would never end.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bareTimes: Sample[] = [];
const sandboxTimes: Sample[] = [];
const beforeTimes: Sample[] = [];
const start = ['dist/cli/index.js', 'start', '--ephemeral', '--port', '18991', '--log', 'error'];
const loads = [loadavg()[0]!];
for (let i = 0; i < runs; i++) {
  bareTimes.push(await timeToFirst200([bare], 18_990, '/'));
  // The two builds take turns going first.
  const pair = [() => timeToFirst200(start, 18_991, '/admin/health').then((t) => sandboxTimes.push(t))];
  if (before) pair[i % 2 ? 'unshift' : 'push'](() => timeToFirst200(start, 18_991, '/admin/health', before).then((t) => beforeTimes.push(t)));
  for (const run of pair) await run();
}
loads.push(loadavg()[0]!);
const wall = (xs: Sample[]) => median(xs.map((x) => x.wall));
const cpu = (xs: Sample[]) => median(xs.map((x) => x.cpu));
const b = wall(bareTimes);
const s = wall(sandboxTimes);
const row = (label: string, xs: Sample[]) =>
  `  ${label.padEnd(24)}${wall(xs).toFixed(0).padStart(6)} ms  ${(wall(xs) / b).toFixed(1).padStart(5)} x bare   CPU ${cpu(xs).toFixed(0).padStart(5)} ms  ${(cpu(xs) / cpu(bareTimes)).toFixed(1).padStart(5)} x bare`;
console.log(`startup: time to first 200, median of ${runs} runs (hie-sandbox run from dist/; build first)`);
console.log(row('bare node:http server', bareTimes));
console.log(row('hie-sandbox start', sandboxTimes) + '   (/admin/health, --ephemeral, default population)');
if (before) {
  console.log(row('before (--before DIR)', beforeTimes));
  console.log(`  this checkout: ${(s / wall(beforeTimes)).toFixed(2)} x the wall time of ${before}, ${(cpu(sandboxTimes) / cpu(beforeTimes)).toFixed(2)} x its CPU time`);
}
console.log(`  load average (1 min) ${loads.map((l) => l.toFixed(1)).join(' -> ')} (the machine's contention during the run)`);
