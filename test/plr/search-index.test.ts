// The registry's lookup indexes: candidates in registry order, kept current when a record is put again.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import type { PractitionerEntry } from '../../src/plr/registry/registry.js';
import { createSearchIndex } from '../../src/plr/registry/search-index.js';

const entry = (ipc: string, families: string[], ids: string[] = []): PractitionerEntry => ({
  ipc,
  practitioner: { resourceType: 'Practitioner', id: ipc, name: families.map((family) => ({ family })), identifier: ids.map((value) => ({ system: 'urn:x', value })) },
  role: { resourceType: 'PractitionerRole', id: ipc } as fhir.PractitionerRole,
});

describe('the PLR search index', () => {
  it('answers a surname prefix with every holder in the order the records were first put, whatever the case', () => {
    const index = createSearchIndex();
    index.putPractitioner(entry('IPC.3', ['Smith']));
    index.putPractitioner(entry('IPC.1', ['Smithers']));
    index.putPractitioner(entry('IPC.2', ['Jones', ' SMYTHE ']));
    expect(index.prefix('practitioner', 'name', 'sm')).toEqual(['IPC.3', 'IPC.1', 'IPC.2']);
    expect(index.prefix('practitioner', 'name', 'smith')).toEqual(['IPC.3', 'IPC.1']);
    expect(index.exact('practitioner', 'name', 'Smythe')).toEqual(['IPC.2']);
    expect(index.prefix('organization', 'name', 'sm')).toEqual([]);
  });

  it('moves a record to its new keys when it is put again (a surname change, a new licence number)', () => {
    const index = createSearchIndex();
    index.putPractitioner(entry('IPC.1', ['Smith'], ['R100']));
    index.putPractitioner(entry('IPC.2', ['Adams']));
    index.putPractitioner(entry('IPC.1', ['Newname'], ['r200']));
    expect(index.exact('practitioner', 'name', 'smith')).toEqual([]);
    expect(index.prefix('practitioner', 'name', 'new')).toEqual(['IPC.1']);
    expect(index.exact('practitioner', 'identifier', 'R100')).toEqual([]);
    expect(index.exact('practitioner', 'identifier', 'R200')).toEqual(['IPC.1']);
    expect(index.exact('practitioner', 'identifier', 'ipc.1')).toEqual(['IPC.1']);
    index.putPractitioner(entry('IPC.3', ['Newberry']));
    expect(index.prefix('practitioner', 'name', 'new')).toEqual(['IPC.1', 'IPC.3']);
  });

  it('forgets a value no record holds any more: renames and replaced identifiers do not pile up', () => {
    const index = createSearchIndex();
    index.putPractitioner(entry('IPC.2', ['Stone'], ['R2']));
    for (let i = 0; i < 50; i++) index.putPractitioner(entry('IPC.1', [`Name${i}`, 'Keep'], [`R${i}x`]));
    expect(index.keyCount('practitioner', 'name')).toBe(3); // stone, keep, name49
    expect(index.keyCount('practitioner', 'identifier')).toBe(4); // ipc.1, ipc.2, r2, r49x
    expect(index.prefix('practitioner', 'name', 'name')).toEqual(['IPC.1']);
    expect(index.exact('practitioner', 'name', 'name48')).toEqual([]);
    expect(index.exact('practitioner', 'name', 'keep')).toEqual(['IPC.1']);
    // A value two records share stays while one of them holds it.
    index.putPractitioner(entry('IPC.2', ['Keep'], ['R2']));
    index.putPractitioner(entry('IPC.1', ['Other'], []));
    expect(index.exact('practitioner', 'name', 'keep')).toEqual(['IPC.2']);
    expect(index.prefix('practitioner', 'name', 's')).toEqual([]);
  });

  it('answers a prefix asked again from memory until a record is put or the index cleared', () => {
    const index = createSearchIndex();
    index.putPractitioner(entry('IPC.1', ['Smith']));
    const first = index.prefix('practitioner', 'name', 'S');
    expect(index.prefix('practitioner', 'name', ' s')).toBe(first);
    // A record that leaves the prefix, one that joins it, and a clear: each answer is the registry's as it is now.
    index.putPractitioner(entry('IPC.1', ['Jones']));
    expect(index.prefix('practitioner', 'name', 's')).toEqual([]);
    index.putPractitioner(entry('IPC.2', ['Stone']));
    expect(index.prefix('practitioner', 'name', 's')).toEqual(['IPC.2']);
    index.clear();
    expect(index.prefix('practitioner', 'name', 's')).toEqual([]);
  });

  it('keeps its remembered answers within a memory bound, however many distinct prefixes a client asks for', () => {
    // Each query string is client input: prefixes that match nothing, or very long ones, must not pile up until
    // the next PLR write. Evicted, an answer is computed again (a new array); it stays the same answer.
    const flooded = (ask: (i: number) => string, times: number) => {
      const index = createSearchIndex();
      index.putPractitioner(entry('IPC.1', ['Smith']));
      const first = index.prefix('practitioner', 'name', 's');
      let found = 0;
      for (let i = 0; i < times; i++) found += index.prefix('practitioner', 'name', ask(i)).length;
      expect(found).toBe(0);
      const again = index.prefix('practitioner', 'name', 's');
      expect(again).toEqual(['IPC.1']);
      return again !== first;
    };
    expect(flooded((i) => `zz${i}`, 100_000), 'many short prefixes that match nothing').toBe(true);
    expect(flooded((i) => `${'q'.repeat(5_000)}${i}`, 300), 'a few hundred prefixes of 5,000 characters').toBe(true);
    // A handful of ordinary prefixes stays remembered.
    expect(flooded((i) => `zz${i}`, 100), 'a hundred short prefixes').toBe(false);
  });
});
