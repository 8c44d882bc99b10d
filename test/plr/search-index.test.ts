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
});
