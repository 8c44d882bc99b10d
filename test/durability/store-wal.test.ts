import { mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { WriteAheadLog } from '../../src/store/write-ahead-log.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hie-wal-'));
  file = join(dir, 'sandbox.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the write-ahead log', () => {
  it('keeps every committed change when the process dies without closing the store', async () => {
    const first = await openStore({ file });
    for (let i = 0; i < 50; i++) first.put('things', String(i), { i });
    first.remove('things', '7');
    await first.committed();
    // No close(): what a kill -9 leaves behind.
    const second = await openStore({ file });
    expect(second.count('things')).toBe(49);
    expect(second.get('things', '49')).toEqual({ i: 49 });
    expect(second.has('things', '7')).toBe(false);
    await second.close();
  });

  it('commits a burst of changes in fewer appends than changes (group commit)', async () => {
    const store = await openStore({ file });
    for (let i = 0; i < 500; i++) store.put('things', String(i), { i });
    await store.committed();
    expect(store.stats().commits).toBeLessThan(5);
    expect(store.isCommitted()).toBe(true);
    await store.close();
  });

  it('ignores a torn last line (a crash in the middle of an append)', async () => {
    const first = await openStore({ file });
    first.put('things', 'a', { n: 1 });
    await first.committed();
    const walDir = join(dir, 'sandbox.wal');
    const segments = (await readdir(walDir)).sort();
    await appendFile(join(walDir, segments[segments.length - 1]!), '{"s":99,"o":"put","c":"things","i":"b","v":{"n"');
    const second = await openStore({ file });
    expect(second.get('things', 'a')).toEqual({ n: 1 });
    expect(second.has('things', 'b')).toBe(false);
    second.put('things', 'c', { n: 3 });
    await second.committed();
    const third = await openStore({ file });
    expect(third.get('things', 'c')).toEqual({ n: 3 });
    await third.close();
  });

  it('folds the log into the lowdb JSON file on a clean close and in the background as it grows', async () => {
    const store = await openStore({ file, compactBytes: 10_000 });
    for (let i = 0; i < 400; i++) store.put('things', String(i), { text: 'x'.repeat(100) });
    await store.committed();
    await vi.waitFor(() => expect(store.stats().compactions).toBeGreaterThan(0), { timeout: 10_000 });
    expect(store.stats().walBytes).toBeLessThan(60_000);
    await store.close();
    const data = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(data.collections.things)).toHaveLength(400);
    expect(data.version).toBe(1);
  });

  it('loads a file written by the old format, snapshots embedded, and moves the snapshots to their own files', async () => {
    const old = {
      version: 1,
      collections: { partners: { demo: { name: 'demo' }, clinic: { name: 'clinic' } } },
      snapshots: { clean: { createdAt: '2026-03-02T09:00:00.000Z', collections: { partners: { demo: { name: 'demo' } } } } },
    };
    await writeFile(file, JSON.stringify(old));
    const store = await openStore({ file });
    expect(store.count('partners')).toBe(2);
    expect(store.snapshots()).toEqual([{ name: 'clean', createdAt: '2026-03-02T09:00:00.000Z', counts: { partners: 1 } }]);
    const data = JSON.parse(await readFile(file, 'utf8'));
    expect(data.snapshots).toEqual({});
    expect(await readdir(join(dir, 'sandbox.snapshots'))).toHaveLength(1);
    expect(store.restore('clean')).toBe(true);
    expect(store.list('partners')).toEqual([{ name: 'demo' }]);
    await store.close();
  });
});

describe('snapshots', () => {
  it('survive a crash, restore after one, and are bounded by count', async () => {
    const first = await openStore({ file, maxSnapshots: 2 });
    first.put('things', 'a', { n: 1 });
    first.snapshot('one', '2026-01-01T00:00:00Z');
    first.put('things', 'b', { n: 2 });
    first.snapshot('two', '2026-01-01T00:00:00Z');
    expect(() => first.snapshot('three', '2026-01-01T00:00:00Z')).toThrow(/at most 2 snapshots/);
    first.snapshot('two', '2026-01-02T00:00:00Z');
    first.restore('one');
    await first.committed();
    const second = await openStore({ file, maxSnapshots: 2 });
    expect(second.snapshots().map((s) => s.name)).toEqual(['one', 'two']);
    expect(second.list('things')).toEqual([{ n: 1 }]);
    expect(second.restore('two')).toBe(true);
    expect(second.count('things')).toBe(2);
    expect(second.deleteSnapshot('one')).toBe(true);
    await second.close();
    const third = await openStore({ file, maxSnapshots: 2 });
    expect(third.snapshots().map((s) => s.name)).toEqual(['two']);
    expect(await readdir(join(dir, 'sandbox.snapshots'))).toHaveLength(1);
    await third.close();
  });
});

describe('keys from client input', () => {
  it('treats constructor, toString and __proto__ as ordinary ids that do not exist', async () => {
    const store = await openStore({ file });
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(store.get('partners', key)).toBeUndefined();
      expect(store.has('partners', key)).toBe(false);
      expect(store.remove('partners', key)).toBe(false);
      expect(store.restore(key)).toBe(false);
      expect(store.deleteSnapshot(key)).toBe(false);
    }
    store.put('things', '__proto__', { evil: true });
    expect(store.get('things', '__proto__')).toEqual({ evil: true });
    expect(({} as Record<string, unknown>).evil).toBeUndefined();
    await store.close();
    const again = await openStore({ file });
    expect(again.get('things', '__proto__')).toEqual({ evil: true });
    expect(again.count('things')).toBe(1);
    await again.close();
  });
});

describe('read-only views', () => {
  it('returns the stored value without a copy, frozen, while get still gives a private copy', async () => {
    const store = await openStore();
    store.put('things', 'a', { list: [1] });
    const view = store.view<{ list: number[] }>('things', 'a')!;
    expect(Object.isFrozen(view.list)).toBe(true);
    expect(() => (view.list as number[]).push(2)).toThrow(TypeError);
    expect(store.view('things', 'a')).toBe(view);
    const copy = store.get<{ list: number[] }>('things', 'a')!;
    copy.list.push(2);
    expect([...store.values('things')]).toEqual([{ list: [1] }]);
    await store.close();
  });
});

describe('prototype keys over the admin API (issue 13)', () => {
  it('answers 404 for a snapshot or partner named after an Object.prototype member and keeps the file loadable', async () => {
    const { createTestSandbox } = await import('../support/sandbox.js');
    const request = (await import('supertest')).default;
    const sandbox = await createTestSandbox({ config: { dataFile: file } });
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect((await request(sandbox.app).post(`/admin/snapshots/${name}/restore`)).status).toBe(404);
      expect((await request(sandbox.app).get(`/admin/partners/${name}`)).status).toBe(404);
    }
    expect((await request(sandbox.app).get('/admin/partners')).status).toBe(200);
    await sandbox.close();
    const again = await openStore({ file });
    expect(again.has('partners', 'demo')).toBe(true);
    await again.close();
  });
});

describe('the snapshot bound over the admin API', () => {
  it('refuses a snapshot beyond the configured count with a 409 outcome, and lets a name be reused', async () => {
    const { createTestSandbox } = await import('../support/sandbox.js');
    const request = (await import('supertest')).default;
    const sandbox = await createTestSandbox({ config: { bounds: { snapshots: 1 } } });
    await request(sandbox.app).post('/admin/snapshots').send({ name: 'a' }).expect(201);
    const refused = await request(sandbox.app).post('/admin/snapshots').send({ name: 'b' });
    expect(refused.status).toBe(409);
    expect(refused.body.issue[0].diagnostics).toMatch(/at most 1 snapshots/);
    await request(sandbox.app).post('/admin/snapshots').send({ name: 'a' }).expect(201);
    await sandbox.close();
  });
});

describe('a very large burst', () => {
  // At the log itself: the store's puts would add a JSON copy of each 1 MiB value (8 of the test's 10 CPU-seconds),
  // which is not what is under test. The log gets what the store gives it, one line per change.
  it('commits a batch larger than one string can hold, in slices', async () => {
    const wal = await WriteAheadLog.open(join(dir, 'wal'), { fsync: false, seq: 0, bytes: 0, after: 0 });
    const line = JSON.stringify({ text: 'y'.repeat(1024 * 1024) });
    // 520 changes of 1 MiB: more characters than V8's longest string (2^29 - 24 on 64-bit), with the least work above it.
    const changes = 520;
    expect(changes * line.length).toBeGreaterThan(2 ** 29 - 24);
    for (let seq = 1; seq <= changes; seq++) wal.append(seq, line);
    await wal.commit();
    expect(wal.failed).toBeUndefined();
    expect(wal.commits).toBe(1); // one group commit: the whole burst was one batch
    expect(wal.bytes).toBe(changes * (line.length + 1));
    await wal.close();
  }, 120_000);
});
