#!/usr/bin/env node
// `npm run build` step, after tsc: writes dist/fhir/r4-elements.json, the FHIR R4 element table (each type's elements,
// their JSON kind and cardinality) compiled from HL7's JSON schema, in a compact form. A start then reads ~360 KB
// instead of reading and compiling the 3.3 MB schema (about 150 ms of CPU a start). From sources the table is
// still compiled from the schema; test/foundation/r4-elements.test.ts checks the two agree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPACT_TABLE_URL, compactTable, compileR4Elements } from '../dist/fhir/r4-elements.js';

writeFileSync(fileURLToPath(COMPACT_TABLE_URL), JSON.stringify(compactTable(compileR4Elements())));
