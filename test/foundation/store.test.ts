import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type StoreData } from '../../src/store/index.js';
import { createTestSandbox } from '../support/sandbox.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hie-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the store', () => {
  it('keeps what was written across a restart', async () => {
    const file = join(dir, 'sandbox.json');
    const first = await openStore({ file, flushMs: 10_000 });
    first.put('things', 'a', { n: 1 });
    await first.close();
    const second = await openStore({ file });
    expect(second.get('things', 'a')).toEqual({ n: 1 });
    expect(JSON.parse(await readFile(file, 'utf8')).collections.things.a).toEqual({ n: 1 });
    await second.close();
  });

  it('clones values in and out', async () => {
    const store = await openStore();
    const value = { list: [1] };
    store.put('things', 'a', value);
    value.list.push(2);
    const read = store.get<{ list: number[] }>('things', 'a')!;
    read.list.push(3);
    expect(store.get('things', 'a')).toEqual({ list: [1] });
    await store.close();
  });

  it('coalesces a burst of writes into one file write', async () => {
    let writes = 0;
    const memory = new Memory<StoreData>();
    const counting = { read: () => memory.read(), write: (d: StoreData) => ((writes += 1), memory.write(d)) };
    const store = await openStore({ adapter: counting, flushMs: 50 });
    for (let i = 0; i < 200; i++) store.put('things', String(i), { i });
    await store.flush();
    expect(writes).toBe(1);
    expect(store.count('things')).toBe(200);
    await store.close();
  });

  it('refuses an unreadable data file with a message that says what to do', async () => {
    const file = join(dir, 'broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{"version": 1, "coll'));
    await expect(openStore({ file })).rejects.toThrow(/--ephemeral/);
  });
});

describe('snapshots and reset', () => {
  it("knows its values' sizes after restoring a snapshot it took, without measuring every value again (the first health call after Back did)", async () => {
    const store = await openStore();
    for (let i = 0; i < 50; i++) store.put('things', `t${i}`, { i, text: 'x'.repeat(i) });
    const before = store.bytes('things');
    store.snapshot('back', '2026-03-02T09:00:00.000Z');
    store.put('things', 't0', { i: 0, text: 'changed after the snapshot' });
    store.remove('things', 't1');
    expect(store.restore('back')).toBe(true);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(store.bytes('things')).toBe(before);
      expect(store.bytes('things', 't1')).toBe(JSON.stringify(store.view('things', 't1')).length);
      expect(stringify).toHaveBeenCalledTimes(1); // the assertion's own, not the store's
    } finally {
      stringify.mockRestore();
    }
    // The sizes restored are the snapshot's, and writes after it keep counting.
    store.put('things', 't2', { i: 2, text: '' });
    let total = 0;
    for (const v of store.values('things')) total += JSON.stringify(v).length;
    expect(store.bytes('things')).toBe(total);
  });

  it('restores a named snapshot through the admin API', async () => {
    const sandbox = await createTestSandbox();
    const app = sandbox.app;
    expect((await request(app).post('/admin/snapshots').send({ name: 'clean' })).status).toBe(201);
    await request(app).post('/admin/partners').send({ name: 'clinic-a' }).expect(201);
    expect((await request(app).get('/admin/partners')).body).toHaveLength(2);
    await request(app).post('/admin/snapshots/clean/restore').expect(200);
    expect((await request(app).get('/admin/partners')).body.map((p: { name: string }) => p.name)).toEqual(['demo']);
    expect((await request(app).get('/admin/snapshots')).body[0]).toMatchObject({ name: 'clean' });
    await sandbox.close();
  });

  it('answers a 404 outcome for an unknown snapshot and a 400 for a bad name', async () => {
    const sandbox = await createTestSandbox();
    const missing = await request(sandbox.app).post('/admin/snapshots/nope/restore');
    expect(missing.status).toBe(404);
    expect(missing.body.issue[0].diagnostics).toMatch(/GET \/admin\/snapshots/);
    expect((await request(sandbox.app).post('/admin/snapshots').send({ name: '../etc' })).status).toBe(400);
    await sandbox.close();
  });

  it('reset returns to the seeded state', async () => {
    const sandbox = await createTestSandbox();
    await request(sandbox.app).post('/admin/partners').send({ name: 'clinic-b' }).expect(201);
    await request(sandbox.app).post('/admin/reset').expect(200);
    expect((await request(sandbox.app).get('/admin/partners')).body.map((p: { name: string }) => p.name)).toEqual(['demo']);
    await sandbox.close();
  });
});
