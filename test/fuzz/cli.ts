// `npm run fuzz -- --requests 100000`: fuzzes a real sandbox process and prints counts by status and the verdict.
import fc from 'fast-check';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestSandbox } from '../support/sandbox.js';
import { allSeeds } from './corpus.js';
import { emptyReport, probeWebSocket, send, SLOW_MS, tally, undoDeliberateFaults, type FuzzReport } from './engine.js';
import { requestArbitrary } from './requests.js';
import { routeTable } from './route-table.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '13' },
    port: { type: 'string', default: '8912' },
    patients: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    auth: { type: 'boolean', default: false },
    /** Leaves out routes whose pattern starts with this (repeatable), e.g. a known defect another change fixes. */
    exclude: { type: 'string', multiple: true, default: [] },
  },
});
const total = Number(args.requests);
const seed = Number(args.seed);
const concurrency = Number(args.concurrency);

/** Starts `hie-sandbox start` from the sources on the given data file; resolves once it answers /admin/health. */
async function startChild(dataFile: string): Promise<{ child: ChildProcess; base: URL }> {
  const flags = ['--import', 'tsx', join(REPO, 'src/cli/index.ts'), 'start', '--port', args.port!, '--data', dataFile, '--clock', 'manual', '--patients', args.patients!, '--log', 'error'];
  if (!args.auth) flags.push('--no-auth');
  const child = spawn(process.execPath, flags, { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = new URL(`http://127.0.0.1:${args.port}`);
  const agent = new http.Agent();
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode} while starting`);
    const o = await send(base, { method: 'GET', path: '/admin/health', headers: {}, label: 'health' }, agent, 2_000);
    if (o.status === 200) return { child, base };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the sandbox did not answer /admin/health within 5 minutes');
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hie-fuzz-'));
  const dataFile = join(dir, 'sandbox.json');
  // The route table is read from an in-process app built from the same sources as the child.
  const probe = await createTestSandbox();
  const routes = routeTable(probe.app).filter((r) => !args.exclude!.some((x) => r.pattern.startsWith(x)));
  await probe.close();
  const arb = requestArbitrary(routes, allSeeds().filter((s) => !args.exclude!.some((x) => s.path.startsWith(x))));
  console.log(`fuzz: ${total} requests, seed ${seed}, ${routes.length} routes, concurrency ${concurrency}${args.exclude!.length ? `, excluding ${args.exclude!.join(' ')}` : ''}, sandbox on port ${args.port} (${args.patients} patients, auth ${args.auth ? 'on' : 'off'})`);

  const { child, base } = await startChild(dataFile);
  let crashed: string | undefined;
  child.on('exit', (code, signal) => (crashed ??= `exited with ${code ?? signal}`));
  process.on('exit', () => child.exitCode === null && child.kill('SIGTERM'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  // The first tenth of the run (at most 10 000 requests, enough to fill the journal's ring) warms the process; its RSS then is the baseline.
  const warmAt = Math.min(10_000, Math.floor(total / 10));
  let warmRss = 0;

  const report: FuzzReport = emptyReport();
  const started = Date.now();
  let next = 0;
  const worker = async (w: number) => {
    while (next < total && !crashed) {
      const batchStart = next;
      next += 100;
      if (batchStart >= warmAt && !warmRss) warmRss = rssKb(child.pid!);
      const batch = fc.sample(arb, { numRuns: Math.min(100, total - batchStart), seed: seed * 1_000_003 + batchStart });
      for (const req of batch) {
        if (crashed) return;
        const o = await send(base, req, agent);
        tally(report, req, o);
        await undoDeliberateFaults(base, req, o, agent);
      }
      if (batchStart % 1000 === 0) {
        await probeWebSocket(base, batchStart / 1000 + w);
        report.webSockets++;
      }
      if (batchStart % 10_000 === 0) process.stdout.write(`  ${batchStart} sent, ${report.failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (Date.now() - started) / 1000;

  await new Promise((r) => setTimeout(r, 5_000));
  const alive = !crashed && child.exitCode === null;
  const health = alive ? await send(base, { method: 'GET', path: '/admin/health', headers: {}, label: 'health' }, agent) : undefined;
  const endRss = alive ? rssKb(child.pid!) : 0;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  agent.destroy();

  // The data file must load again: a second process starts on it and answers.
  let reload = 'ok';
  try {
    const again = await startChild(dataFile);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));
  } catch (e) {
    reload = (e as Error).message;
  }
  rmSync(dir, { recursive: true, force: true });

  warmRss ||= endRss;
  const rssChange = warmRss ? ((endRss - warmRss) / warmRss) * 100 : NaN;
  console.log(`\nsent ${report.total} requests (+${report.webSockets} WebSocket probes) in ${elapsed.toFixed(0)} s (${(report.total / elapsed).toFixed(0)}/s)`);
  console.log('by status:', Object.entries(report.byStatus).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}: ${v}`).join(', '));
  console.log(`deliberate fault 5xx: ${report.deliberate}`);
  console.log(`unplanned 5xx or no answer: ${report.failures.length}`);
  for (const f of report.failures.slice(0, 25)) console.log(`  ${f.request} -> ${f.outcome.status ?? f.outcome.error} ${(f.outcome.snippet ?? '').replace(/\s+/g, ' ').slice(0, 200)}`);
  console.log(`slowest answer: ${report.slowestMs.toFixed(0)} ms; over ${SLOW_MS} ms: ${report.slow.length}`);
  for (const s of report.slow.slice(0, 10)) console.log(`  ${s.ms} ms ${s.request}`);
  console.log(`process: ${alive ? 'alive' : `DEAD (${crashed})`}, health ${health?.status ?? '-'}`);
  console.log(`RSS: warm ${(warmRss / 1024).toFixed(0)} MB, after ${(endRss / 1024).toFixed(0)} MB (${rssChange.toFixed(1)}%)`);
  console.log(`data file reload: ${reload}`);
  const pass = report.failures.length === 0 && report.slow.length === 0 && alive && health?.status === 200 && Math.abs(rssChange) <= 10 && reload === 'ok';
  console.log(`\nverdict: ${pass ? 'PASS' : 'FAIL'}`);
  process.exitCode = pass ? 0 : 1;
}

await main();
