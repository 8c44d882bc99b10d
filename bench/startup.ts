// bench/startup: time from spawn to the first 200 of /admin/health, next to a bare node:http server, and (with
// --before DIR) next to another built checkout of the sandbox, the three spawned alternately in the same run.
// Run: npx tsx bench/startup.ts [runs] [--before DIR]
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
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

async function timeToFirst200(args: string[], port: number, path: string, cwd = root): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error(`no 200 from ${args.join(' ')} within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bareTimes: number[] = [];
const sandboxTimes: number[] = [];
const beforeTimes: number[] = [];
const start = ['dist/cli/index.js', 'start', '--ephemeral', '--port', '18991', '--log', 'error'];
for (let i = 0; i < runs; i++) {
  bareTimes.push(await timeToFirst200([bare], 18_990, '/'));
  sandboxTimes.push(await timeToFirst200(start, 18_991, '/admin/health'));
  if (before) beforeTimes.push(await timeToFirst200(start, 18_991, '/admin/health', before));
}
const b = median(bareTimes);
const s = median(sandboxTimes);
console.log(`startup: time to first 200, median of ${runs} runs (hie-sandbox run from dist/; build first)`);
console.log(`  bare node:http server   ${b.toFixed(0).padStart(6)} ms`);
console.log(`  hie-sandbox start       ${s.toFixed(0).padStart(6)} ms   (/admin/health, --ephemeral, default population)`);
console.log(`  ratio                   ${(s / b).toFixed(1).padStart(6)} x`);
if (before) {
  const o = median(beforeTimes);
  console.log(`  ${before}: ${o.toFixed(0)} ms, ${(o / b).toFixed(1)} x bare (this checkout: ${(s / o).toFixed(2)} x of it)`);
}
console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine's contention during the run)`);
