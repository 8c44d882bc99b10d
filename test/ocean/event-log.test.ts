// A referral's Event Log is one record read by key: adding and reading events never scans every referral's events.
import { describe, expect, it, vi } from 'vitest';
import { COLLECTIONS, createOceanRepository } from '../../src/ocean/repository.js';
import { openStore } from '../../src/store/index.js';

const event = (ref: string, text: string) => ({ ref, at: '2026-03-02T09:00:00Z', kind: 'note', text, actor: 'ocean' });

describe("a referral's Event Log", () => {
  it('keeps each referral its own events in order, and reads them without scanning the events of others', async () => {
    const store = await openStore();
    const repo = createOceanRepository(store);
    for (let i = 0; i < 50; i++) repo.addEvent(event(`other-${i}`, 'elsewhere'));
    repo.addEvent(event('r1', 'created'));
    repo.addEvent(event('r1', 'notified'));
    const find = vi.spyOn(store, 'find');
    expect(repo.events('r1').map((e) => [e.seq, e.text])).toEqual([
      [1, 'created'],
      [2, 'notified'],
    ]);
    expect(find).not.toHaveBeenCalled();
    await store.close();
  });

  it('still reads events a data file stored one record each, ordered with the ones added since', async () => {
    const store = await openStore();
    store.put(COLLECTIONS.events, 'old-1', { id: 'old-1', seq: 7, ...event('r2', 'created before the upgrade') });
    const repo = createOceanRepository(store);
    repo.addEvent(event('r2', 'notified after it'));
    expect(repo.events('r2').map((e) => [e.seq, e.text])).toEqual([
      [7, 'created before the upgrade'],
      [8, 'notified after it'],
    ]);
    await store.close();
  });
});
