// Message-id replay windows are bounded by simulated time and by count, so a burst of ids inside one window
// cannot grow the store without limit.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { forgetOlderThan, openStore } from '../../src/store/index.js';
import { useSharedSandbox } from '../support/shared-sandbox.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('a replay window', () => {
  it('forgets ids older than the window and, past the count bound, the oldest ones still inside it', async () => {
    const store = await openStore({});
    const remember = (id: string, minutes: number, keep?: number) => {
      forgetOlderThan<{ id: string; at: string }>(store, 'seen', T0 + minutes * 60_000, 60 * 60_000, (v) => v.id, keep);
      store.put('seen', id, { id, at: at(minutes) });
    };
    for (let i = 0; i < 5; i++) remember(`m${i}`, i);
    expect(store.count('seen')).toBe(5);
    remember('late', 62); // m0 and m1 are more than an hour old
    expect([...store.values<{ id: string }>('seen')].map((v) => v.id)).toEqual(['m2', 'm3', 'm4', 'late']);
    remember('burst', 63, 3); // all inside the hour, but at most 3 kept
    expect([...store.values<{ id: string }>('seen')].map((v) => v.id)).toEqual(['m4', 'late', 'burst']);
    await store.close();
  });
});

describe('the configured bound', () => {
  const sandbox = useSharedSandbox({ config: { bounds: { messageIdKeep: 2 } } });

  it('is shown in /admin/health next to the window', async () => {
    const health = await request(sandbox().app).get('/admin/health');
    expect(JSON.stringify(health.body)).toContain('"messageIdKeep":2');
    expect(JSON.stringify(health.body)).toContain('"messageIdWindow":"P1D"');
  });
});
