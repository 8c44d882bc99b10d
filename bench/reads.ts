// bench/reads: throughput (req/s at 10 connections, autocannon) and p99 of every read path, each target a fresh
// process, next to same-run baselines: a bare node:http server, a minimal Express 5 app, json-server 0.17, and the
// Express app serving the very bytes each sandbox path answered (large responses compare like for like).
// With --before <dir> (a built checkout of an earlier commit, e.g. `git archive <commit> | tar -x -C <dir>`, node_modules
// linked, `npx tsc -p tsconfig.build.json`), the same paths are measured on that build too, in the same run.
// Run: npx tsx bench/reads.ts [seconds per path, default 5] [--before <dir>]   (hie-sandbox runs from dist/: build first)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queryOf } from '../src/hcim/evaluate.js';
import { PHN_SYSTEM } from '../src/hcim/identifiers.js';
import type * as fhir from '../src/fhir/types.js';
import { DEMO_PARTNER } from '../src/partners/index.js';
import { FHIR_PATH } from '../src/plr/vocabulary.js';
import { NAMED_FIXTURES } from '../src/population/index.js';
import { measure, type LoadRequest, type LoadResult } from './support/load.js';
import { spawnTarget } from './support/targets.js';

const args = process.argv.slice(2);
const beforeAt = args.indexOf('--before');
const beforeDir = beforeAt >= 0 ? args[beforeAt + 1] : undefined;
const seconds = Number(args.find((a, i) => /^\d+$/.test(a) && i !== beforeAt + 1) ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('./support/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hie-bench-reads-'));
const bodiesDir = join(work, 'bodies');
const PORT = 18_931;

interface Row {
  label: string;
  result: LoadResult;
  /** The Express app serving the same bytes, when measured. */
  same?: LoadResult;
}

async function baselines(): Promise<{ bare: LoadResult; express: LoadResult; jsonServer: LoadResult }> {
  const bare = await spawnTarget([join(here, 'bare-server.mjs')], PORT, '/');
  const bareResult = await measure(bare.url, { path: '/' }, seconds).finally(() => bare.stop());
  const express = await spawnTarget([join(here, 'express-server.mjs')], PORT, '/');
  const expressResult = await measure(express.url, { path: '/' }, seconds).finally(() => express.stop());
  const db = join(work, 'db.json');
  writeFileSync(db, JSON.stringify({ patients: [{ id: 1, resourceType: 'Patient', name: [{ family: 'Baseline', given: ['Jason'] }], gender: 'other', birthDate: '1970-01-01', note: 'json-server 0.17 baseline record of a comparable size to the small documents above' }] }));
  const js = await spawnTarget([join(root, 'node_modules/json-server/lib/cli/bin.js'), '--port', String(PORT), '--quiet', db], PORT, '/patients/1');
  const jsResult = await measure(js.url, { path: '/patients/1' }, seconds).finally(() => js.stop());
  return { bare: bareResult, express: expressResult, jsonServer: jsResult };
}

async function sandboxPaths(checkout: string, sameBytes: boolean, tag = ''): Promise<Row[]> {
  const sandbox = await spawnTarget([join(checkout, 'dist/cli/index.js'), 'start', '--ephemeral', '--port', String(PORT), '--log', 'error'], PORT, '/admin/health');
  try {
    const base = sandbox.url;
    const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    const tokenOf = async (path: string, body: Record<string, string>) => ((await (await fetch(`${base}${path}`, form({ grant_type: 'client_credentials', ...body }))).json()) as { access_token: string }).access_token;
    const token = await tokenOf('/auth/realms/moh_applications/protocol/openid-connect/token', { client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret });
    // Listings mask secrets; a site's own record carries its credentials.
    const siteNum = ((await (await fetch(`${base}/admin/ocean/sites`)).json()) as Array<{ siteNum: string }>)[0]!.siteNum;
    const site = (await (await fetch(`${base}/admin/ocean/sites/${siteNum}`)).json()) as { clientId: string; clientSecret: string };
    const oceanToken = await tokenOf('/ocean/svc/oauth2/token', { client_id: site.clientId, client_secret: site.clientSecret });
    const hcimHeaders = { authorization: `Bearer ${token}`, userid: 'bench@IDIR', 'content-type': 'application/fhir+json' };
    let seq = 0;
    const hcim = (resource: fhir.Patient) => () => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:m', resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `bench-${process.pid}-${++seq}` }] } }, { fullUrl: 'urn:uuid:p', resource }] });
    const byPhn: fhir.Patient = { resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: NAMED_FIXTURES.ordinaryPatientPhn }] };
    const gd = (await (await fetch(`${base}/hcim/fhir/Patient/$GetDemographics`, { method: 'POST', headers: hcimHeaders, body: hcim(byPhn)() })).json()) as fhir.Bundle;
    const patient = gd.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as fhir.Patient;
    // The HCIM match index builds in slices after start; measure once searches no longer answer "temporarily unavailable".
    for (let i = 0; i < 600; i++) {
      const text = await (await fetch(`${base}/hcim/fhir/Patient/$FindCandidates`, { method: 'POST', headers: hcimHeaders, body: hcim(queryOf(patient, 'full'))() })).text();
      if (!text.includes('FC.2.0004')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const plr = { authorization: `Bearer ${token}`, userid: 'bench@IDIR', accept: 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1' };
    const paths: Array<[string, LoadRequest]> = [
      ['GET /admin/health', { path: '/admin/health' }],
      ['HCIM $GetDemographics', { method: 'POST', path: '/hcim/fhir/Patient/$GetDemographics', headers: hcimHeaders, body: hcim(byPhn) }],
      ['HCIM $FindCandidates', { method: 'POST', path: '/hcim/fhir/Patient/$FindCandidates', headers: hcimHeaders, body: hcim(queryOf(patient, 'full')) }],
      ['Ocean NamingSystem/id-site-number', { path: '/ocean/svc/fhir/v1/NamingSystem/id-site-number', headers: { authorization: `Bearer ${oceanToken}` } }],
      ['Ocean metadata', { path: '/ocean/svc/fhir/v1/metadata' }],
      ['PLR $entityQuery?identifier=IPC…', { path: `/plr${FHIR_PATH}/Practitioner/$entityQuery?identifier=${NAMED_FIXTURES.familyPhysicianIpc}`, headers: plr }],
      ['PLR family=S* (20 hits)', { path: `/plr${FHIR_PATH}/Practitioner/$entityQuery?family=S*`, headers: plr }],
    ];
    if (!sameBytes) {
      const out: Row[] = [];
      for (const [label, req] of paths) out.push({ label: `${tag}${label}`, result: await measure(base, req, seconds) });
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
      for (const [i, [label, req]] of paths.entries()) out.push({ label: `${tag}${label}`, result: await measure(base, req, seconds), same: await measure(express.url, { path: `/same/p${i}` }, seconds) });
      return out;
    } finally {
      await express.stop();
    }
  } finally {
    await sandbox.stop();
  }
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
  ['path (response size)', 'req/s', 'p99 ms', '× bare', '× Express', '× json-server', '× Express, same bytes', 'p99 ÷ Express same bytes'],
  ...rows.map(({ label, result: r, same: s }) => [
    `${label} (${kb(r.bytes)})${r.non2xx || r.errors ? ` [${r.non2xx} non-2xx, ${r.errors} errors]` : ''}`,
    fmt(r.rps),
    fmt(r.p99),
    fmt(r.rps / base.bare.rps, 3),
    fmt(r.rps / base.express.rps, 2),
    fmt(r.rps / base.jsonServer.rps, 2),
    s ? fmt(r.rps / s.rps, 2) : '',
    s ? fmt(r.p99 / Math.max(1, s.p99), 1) : '',
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
console.log(`reads: autocannon, 10 connections, ${seconds} s per path, each target a fresh process, tokens on (same run; load average at the end ${load}; the CPU is shared, so only ratios compare)`);
for (const row of table) console.log(`| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`);
