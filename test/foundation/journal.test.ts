import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import express from 'express';
import { createClock } from '../../src/clock/clock.js';
import { journalInbound } from '../../src/journal/express.js';
import { capturedMessage } from '../../src/journal/captured-body.js';
import { createJournal, maskBody, maskHeaders } from '../../src/journal/index.js';
import { echoSystem } from '../support/echo-system.js';
import { createTestSandbox } from '../support/sandbox.js';
import { createServer } from 'node:http';
import type { Sandbox } from '../../src/app.js';

const entry = (system: string, n: number) => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  system,
  direction: 'inbound' as const,
  method: 'GET',
  url: `/x/${n}`,
  durationMs: 1,
  request: { headers: {} },
  correlation: { phn: `p${n}` },
});

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('the journal', () => {
  it('stays bounded: the oldest entries fall off', () => {
    const journal = createJournal(50);
    for (let i = 0; i < 120; i++) journal.record(entry('ocean', i));
    expect(journal.size()).toBe(50);
    expect(journal.query({ limit: 1000 })[0]!.url).toBe('/x/70');
  });

  it('finds every kept entry by id, in order, and none that fell off, at every step of a long run', () => {
    const journal = createJournal(7, 1_000);
    for (let i = 0; i < 60; i++) {
      // Every third entry carries a body big enough to push older ones out by bytes as well as by count.
      journal.record({ ...entry('ocean', i), response: { headers: {}, body: i % 3 ? 'x' : 'y'.repeat(300) } });
      const kept = journal.query({ limit: 1000 });
      expect(kept.length).toBe(journal.size());
      expect(kept.at(-1)!.url).toBe(`/x/${i}`);
      expect(kept.map((e) => e.seq)).toEqual(kept.map((_, k) => kept[0]!.seq + k));
      for (let id = 0; id <= i + 2; id++) expect(journal.get(String(id))).toBe(kept.find((e) => e.id === String(id)));
      expect(journal.get(`0${kept[0]!.id}`)).toBeUndefined();
      expect(journal.bytes()).toBe(kept.reduce((n, e) => n + (e.response?.body?.length ?? 0) + e.url.length + 'phn'.length + e.correlation.phn!.length, 0));
    }
  });

  it('counts what a client controls besides bodies against its byte bound: headers, correlation ids, errors', () => {
    // Node accepts 16 KiB of request headers: 10,000 entries of them were ~160 MB outside a 16 MiB bound.
    const cap = 64 * 1024;
    const fill = (make: (i: number) => Parameters<typeof journal.record>[0]) => {
      for (let i = 0; i < 40; i++) journal.record(make(i));
      return journal.size();
    };
    let journal = createJournal(10_000, 100_000);
    expect(fill((i) => ({ ...entry('ocean', i), request: capturedMessage({ cookie: 'c'.repeat(16_000), host: 'x' }, undefined, cap) })), 'captured request headers').toBeLessThanOrEqual(7);
    expect(journal.bytes()).toBeLessThanOrEqual(100_000);
    journal = createJournal(10_000, 100_000);
    expect(fill((i) => ({ ...entry('ocean', i), request: { headers: { cookie: 'c'.repeat(16_000) } } })), 'plain request headers').toBeLessThanOrEqual(7);
    journal = createJournal(10_000, 100_000);
    expect(fill((i) => ({ ...entry('hcim', i), correlation: { message: 'm'.repeat(16_000) } })), 'correlation ids').toBeLessThanOrEqual(7);
    journal = createJournal(10_000, 100_000);
    expect(fill((i) => ({ ...entry('hcim', i), error: 'e'.repeat(16_000) })), 'errors').toBeLessThanOrEqual(7);
  });

  it('filters by system, correlation and since', () => {
    const journal = createJournal();
    for (let i = 0; i < 10; i++) journal.record(entry(i % 2 ? 'plr' : 'hcim', i));
    expect(journal.query({ system: 'plr' })).toHaveLength(5);
    expect(journal.query({ correlation: 'p3' }).map((e) => e.url)).toEqual(['/x/3']);
    expect(journal.query({ since: '7' }).map((e) => e.id)).toEqual(['8', '9', '10']);
    expect(journal.query({ since: '2026-01-01T00:08:00.000Z' })).toHaveLength(2);
  });

  it('masks credentials in headers and bodies', () => {
    expect(maskHeaders({ Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz', Accept: 'x' })).toEqual({
      authorization: 'Bearer ***wxyz',
      accept: 'x',
    });
    expect(maskBody('grant_type=password&username=u&password=hunter2', 100).body).toBe('grant_type=password&username=u&password=***');
    expect(maskBody('{"client_secret":"s3cr3t","a":1}', 100).body).toBe('{"client_secret":"***","a":1}');
    expect(maskBody('x'.repeat(50), 10)).toEqual({ body: 'x'.repeat(10), truncated: true });
  });

  it('journals a capped body exactly as masking the whole text would, multi-byte characters and secrets included', async () => {
    sandbox = await createTestSandbox({ systems: [echoSystem], config: { journalBodyCap: 300 } });
    const text = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Ŀøñğ-Ñåmé🙂'.repeat(40) }], password: 'hunter2', note: 'é'.repeat(2_000) });
    const secretFirst = JSON.stringify({ resourceType: 'Patient', password: 'hunter2', note: '日本'.repeat(2_000) });
    for (const body of [text, secretFirst]) {
      await request(sandbox.app).post('/hcim/Patient').set('content-type', 'application/fhir+json').send(body);
      const entry = sandbox.deps.journal.query({ system: 'hcim' }).at(-1)!;
      expect({ body: entry.request.body, truncated: entry.request.truncated }).toEqual(maskBody(body, 300));
    }
    const entry = sandbox.deps.journal.query({ system: 'hcim' }).at(-1)!;
    expect(entry.request.body).toContain('"password":"***"');
    expect(JSON.parse(JSON.stringify(entry)).request.body).toBe(entry.request.body);
  });

  it('records inbound exchanges with status, partner-free headers masked, and correlation ids', async () => {
    sandbox = await createTestSandbox({ systems: [echoSystem] });
    const phn = sandbox.deps.population.client(0).phn;
    await request(sandbox.app).get(`/hcim/Patient/${phn}`).set('authorization', 'Bearer 0123456789abcdefXYZW');
    const res = await request(sandbox.app).get(`/admin/journal?system=hcim&correlation=${phn}`);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ direction: 'inbound', method: 'GET', status: 200, correlation: { phn } });
    expect(res.body[0].request.headers.authorization).toBe('Bearer ***XYZW');
    expect(JSON.parse(res.body[0].response.body).resourceType).toBe('Patient');
  });

  it('journals an answer written as a Uint8Array as its bytes, not as a list of numbers', async () => {
    const journal = createJournal();
    const app = express();
    app.use(journalInbound('x', journal, createClock({ kind: 'real' }), 1000));
    const json = '{"resourceType":"OperationOutcome"}';
    app.get('/bytes', (_req, res) => {
      res.type('application/fhir+json');
      res.end(new Uint8Array(Buffer.from(json)));
    });
    expect((await request(app).get('/bytes')).text).toBe(json);
    expect(journal.query().at(-1)!.response!.body).toBe(json);
  });

  it('rejects a bad journal query with a 400 outcome', async () => {
    sandbox = await createTestSandbox();
    expect((await request(sandbox.app).get('/admin/journal?limit=0')).status).toBe(400);
    expect((await request(sandbox.app).get('/admin/journal?since=yesterday')).status).toBe(400);
  });

  it('streams new entries over the WebSocket feed, filtered by system', async () => {
    sandbox = await createTestSandbox({ systems: [echoSystem] });
    const server = createServer(sandbox.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    sandbox.attach(server);
    const port = (server.address() as AddressInfo).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/admin/events?system=hcim`);
    const messages: Array<{ type: string; entry?: { system: string; url: string } }> = [];
    const got = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        messages.push(JSON.parse(String(data)));
        if (messages.some((m) => m.type === 'journal')) resolve();
      }),
    );
    await new Promise((r) => ws.once('open', r));
    await request(sandbox.app).get('/auth/realms/moh_applications/.well-known/openid-configuration');
    await request(sandbox.app).get('/hcim/metadata');
    await got;
    const journal = messages.filter((m) => m.type === 'journal');
    expect(journal.map((m) => m.entry!.system)).toEqual(['hcim']);
    ws.close();
    await new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  });
});
