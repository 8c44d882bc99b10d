// bench/reads: throughput (req/s at 10 connections, autocannon) and p99 of every read path, each target a fresh
// process, next to same-run baselines: a bare node:http server, a minimal Express 5 app, json-server 0.17, and the
// Express app serving the very bytes each sandbox path answered (large responses compare like for like).
// With --before <dir> (a built checkout of an earlier commit, e.g. `git archive <commit> | tar -x -C <dir>`, node_modules
// linked, `npx tsc -p tsconfig.build.json`), the same paths are measured on that build too, in the same run.
// With --cpu-ab <dir> [--rounds R] [--only <regex of labels>], only the CPU per request of each path (user + system time of the sandbox process),
// this build against the one in <dir>, both running at once, short runs alternating between them, medians of R rounds.
// Run: npx tsx bench/reads.ts [seconds per path, default 5] [--before <dir> | --cpu-ab <dir> --rounds 5] [--port 18931]
//      (hie-sandbox runs from dist/: build first)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuAb } from './support/cpu-ab.js';
import { cpuOf } from './support/cpu-time.js';
import { measure, type LoadRequest, type LoadResult } from './support/load.js';
import { readPaths } from './support/read-paths.js';
import { spawnTarget, type Target } from './support/targets.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const beforeDir = option('--before');
const cpuBefore = option('--cpu-ab');
const rounds = Number(option('--rounds') ?? 5);
const seconds = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] ?? '')) ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('./support/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hie-bench-reads-'));
const bodiesDir = join(work, 'bodies');
/** First of the two ports the targets listen on (--port; other benchmarks on the same machine may hold the default). */
const PORT = Number(option('--port') ?? 18_931);

interface Row {
  label: string;
  result: Measured;
  /** The Express app serving the same bytes, when measured. */
  same?: Measured;
}

/** A load run with the target's CPU time per request (user + system, from /proc; NaN where there is none). */
type Measured = LoadResult & { cpuMicros: number };

/** One load run on a target, with the CPU the target spent per completed request: steady on a busy machine. */
async function timed(target: Target, req: LoadRequest): Promise<Measured> {
  const before = cpuOf(target.pid);
  const result = await measure(target.url, req, seconds);
  return { ...result, cpuMicros: (cpuOf(target.pid) - before) / Math.max(1, result.total) };
}

async function baselines(): Promise<{ bare: Measured; express: Measured; jsonServer: Measured }> {
  const bare = await spawnTarget([join(here, 'bare-server.mjs')], PORT, '/');
  const bareResult = await timed(bare, { path: '/' }).finally(() => bare.stop());
  const express = await spawnTarget([join(here, 'express-server.mjs')], PORT, '/');
  const expressResult = await timed(express, { path: '/' }).finally(() => express.stop());
  const db = join(work, 'db.json');
  writeFileSync(db, JSON.stringify({ patients: [{ id: 1, resourceType: 'Patient', name: [{ family: 'Baseline', given: ['Jason'] }], gender: 'other', birthDate: '1970-01-01', note: 'json-server 0.17 baseline record of a comparable size to the small documents above' }] }));
  const js = await spawnTarget([join(root, 'node_modules/json-server/lib/cli/bin.js'), '--port', String(PORT), '--quiet', db], PORT, '/patients/1');
  const jsResult = await timed(js, { path: '/patients/1' }).finally(() => js.stop());
  return { bare: bareResult, express: expressResult, jsonServer: jsResult };
}

async function sandboxPaths(checkout: string, sameBytes: boolean, tag = ''): Promise<Row[]> {
  const sandbox = await spawnTarget([join(checkout, 'dist/cli/index.js'), 'start', '--ephemeral', '--port', String(PORT), '--log', 'error'], PORT, '/admin/health');
  try {
    const base = sandbox.url;
    const paths = await readPaths(base);
    if (!sameBytes) {
      const out: Row[] = [];
      for (const [label, req] of paths) out.push({ label: `${tag}${label}`, result: await timed(sandbox, req) });
      return out;
    }
    // Every body first, so the Express app can serve the same bytes; then each path, right before its same-bytes
    // twin, so the two share the machine's load of that moment.
    for (const [i, [, req]] of paths.entries()) {
      const res = await fetch(`${base}${req.path}`, { method: req.method ?? 'GET', headers: req.headers, body: req.body?.() });
      writeFileSync(join(bodiesDir, `p${i}`), Buffer.from(await res.arrayBuffer()));
    }
    const express = await spawnTarget([join(here, 'express-server.mjs')], PORT + 1, '/', { BODIES_DIR: bodiesDir });
    try {
      const out: Row[] = [];
      // A POST's twin is sent the same request body (and parses it); a GET's twin the same path, bare.
      const twin = (i: number, req: LoadRequest): LoadRequest => (req.method === 'POST' ? { method: 'POST', path: `/same/p${i}`, headers: { 'content-type': 'application/json' }, body: req.body } : { path: `/same/p${i}` });
      for (const [i, [label, req]] of paths.entries()) out.push({ label: `${tag}${label}`, result: await timed(sandbox, req), same: await timed(express, twin(i, req)) });
      return out;
    } finally {
      await express.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

if (cpuBefore) {
  console.log(`reads --cpu-ab: CPU per request (µs, user + system of the sandbox process), median of ${rounds} alternating runs of ${seconds} s at 10 connections; load average at the start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  const only = option('--only');
  await cpuAb({ before: cpuBefore, after: root }, PORT, rounds, seconds, only ? new RegExp(only) : undefined);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  process.exit(0);
}
mkdirSync(bodiesDir);
const base = await baselines();
const before = beforeDir ? await sandboxPaths(beforeDir, false, 'before: ') : [];
const paths = await sandboxPaths(root, true);
const rows: Row[] = [
  { label: 'bare node:http', result: base.bare },
  { label: 'minimal Express 5 app', result: base.express },
  { label: 'json-server 0.17', result: base.jsonServer },
  ...before,
  ...paths,
];
const fmt = (n: number, d = 0) => n.toLocaleString('en-CA', { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (b: number) => (b >= 10_240 ? `${fmt(b / 1024)} KB` : `${fmt(b)} B`);
const table = [
  ['path (response size)', 'req/s', 'p99 ms', 'CPU µs/req', '× bare', '× Express', '× json-server', '× Express, same bytes', 'p99 ÷ Express same bytes', 'CPU ÷ Express same bytes'],
  ...rows.map(({ label, result: r, same: s }) => [
    `${label} (${kb(r.bytes)})${r.non2xx || r.errors ? ` [${r.non2xx} non-2xx, ${r.errors} errors]` : ''}`,
    fmt(r.rps),
    fmt(r.p99),
    fmt(r.cpuMicros),
    fmt(r.rps / base.bare.rps, 3),
    fmt(r.rps / base.express.rps, 2),
    fmt(r.rps / base.jsonServer.rps, 2),
    s ? fmt(r.rps / s.rps, 2) : '',
    s ? fmt(r.p99 / Math.max(1, s.p99), 1) : '',
    s ? fmt(r.cpuMicros / s.cpuMicros, 2) : '',
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
console.log(`reads: autocannon, 10 connections, ${seconds} s per path, each target a fresh process, tokens on (same run; load average at the end ${load}; the CPU is shared, so only ratios compare)`);
for (const row of table) console.log(`| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`);
