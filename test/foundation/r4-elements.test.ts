// The R4 element table a start reads: the compact copy `npm run build` writes must be the table compiled from HL7's
// schema, element for element, or the FHIR shape checks of a built sandbox would differ from the tested sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactTable, compileR4Elements, tableFromCompact, type CompactTable } from '../../src/fhir/r4-elements.js';

const compiled = compileR4Elements();

describe('the R4 element table', () => {
  it('survives its compact form unchanged', () => {
    const back = tableFromCompact(JSON.parse(JSON.stringify(compactTable(compiled))) as CompactTable);
    expect(back).toEqual(compiled);
    expect(back.get('Patient')?.get('name')).toEqual({ array: true, kind: { complex: 'HumanName' }, primitive: undefined });
    expect(back.get('Patient')?.get('birthDate')).toEqual({ array: false, kind: 'string', primitive: 'date' });
    expect(back.get('Bundle')?.get('entry')?.array).toBe(true);
  });

  it('is what the build wrote beside the compiled module (dist/fhir/r4-elements.json)', () => {
    const built = JSON.parse(readFileSync(join(import.meta.dirname, '../../dist/fhir/r4-elements.json'), 'utf8')) as CompactTable;
    expect(built.length).toBe(compiled.size);
    expect(tableFromCompact(built)).toEqual(compiled);
  });
});
