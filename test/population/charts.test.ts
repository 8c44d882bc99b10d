// What Patient/$everything returns: coded, dated, narrated chart resources that reference their patient.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KEYWORD_TABLE_LOINC, OCEAN_ATTACHMENT_EXTENSIONS } from '../../src/population/index.js';
import type * as fhir from '../../src/fhir/types.js';
import { smallPopulation } from './support/populations.js';

const population = smallPopulation(11);
const fixture = population.chart(0);
const charts = Array.from({ length: 600 }, (_, i) => ({ record: population.client(i), chart: population.chart(i) }));
const all = charts.flatMap((c) => c.chart);
const ofType = <T extends fhir.Resource>(resources: readonly fhir.Resource[], type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
const loincOf = (o: fhir.Observation): string | undefined => o.code.coding?.find((c) => c.system === 'http://loinc.org')?.code;

describe('observations', () => {
  it('cover every LOINC code of the keyword table in the full-chart fixture, each on three or more dates', () => {
    const observations = ofType<fhir.Observation>(fixture, 'Observation');
    for (const code of KEYWORD_TABLE_LOINC) {
      const dates = new Set(observations.filter((o) => loincOf(o) === code).map((o) => o.effectiveDateTime?.slice(0, 10)));
      expect(dates.size, code).toBeGreaterThanOrEqual(3);
    }
  });

  it('cover every keyword-table code across the population', () => {
    const codes = new Set(ofType<fhir.Observation>(all, 'Observation').map(loincOf));
    for (const code of KEYWORD_TABLE_LOINC) expect(codes.has(code), code).toBe(true);
  });

  it('record blood pressure as a 35094-2 panel with systolic and diastolic components in mm[Hg]', () => {
    const bps = ofType<fhir.Observation>(all, 'Observation').filter((o) => loincOf(o) === '35094-2');
    expect(bps.length).toBeGreaterThan(100);
    for (const bp of bps) {
      expect(bp.valueQuantity).toBeUndefined();
      expect(bp.component?.map((c) => c.code.coding?.[0]?.code)).toEqual(['8480-6', '8462-4']);
      const [sys, dia] = (bp.component ?? []).map((c) => c.valueQuantity?.value ?? 0);
      expect(bp.component?.[0]?.valueQuantity?.code).toBe('mm[Hg]');
      expect(sys).toBeGreaterThan(dia ?? 0);
      expect(sys).toBeGreaterThan(70);
      expect(sys).toBeLessThan(200);
    }
  });

  it('use UCUM units and realistic values', () => {
    const ranges: Record<string, [string, number, number]> = {
      '8302-2': ['cm', 40, 210], '29463-7': ['kg', 2, 200], '59261-8': ['mmol/mol', 25, 110], '2947-0': ['mmol/L', 125, 155],
      '6298-4': ['mmol/L', 2.8, 6.5], '38483-4': ['mg/dL', 0.3, 6], '2085-9': ['mg/dL', 20, 110], '76629-5': ['mmol/L', 3, 18],
    };
    for (const o of ofType<fhir.Observation>(all, 'Observation')) {
      const range = ranges[loincOf(o) ?? ''];
      if (!range) continue;
      expect(o.valueQuantity?.system).toBe('http://unitsofmeasure.org');
      expect(o.valueQuantity?.code).toBe(range[0]);
      expect(o.valueQuantity?.value).toBeGreaterThanOrEqual(range[1]);
      expect(o.valueQuantity?.value).toBeLessThanOrEqual(range[2]);
    }
  });
});

describe('conditions', () => {
  it('put active conditions on the problem list and resolved, remission or inactive ones in past history', () => {
    const conditions = ofType<fhir.Condition>(all, 'Condition');
    const statuses = new Set(conditions.map((c) => c.clinicalStatus?.coding?.[0]?.code));
    expect(statuses).toEqual(new Set(['active', 'resolved', 'remission', 'inactive']));
    for (const c of conditions) {
      const status = c.clinicalStatus?.coding?.[0]?.code;
      if (status === 'active') expect(c.abatementDateTime).toBeUndefined();
      else expect(c.abatementDateTime).toBeDefined();
      expect(c.code?.coding?.[0]?.system).toBe('http://snomed.info/sct');
    }
  });

  it('give the full-chart fixture both a problem list and a past history', () => {
    const statuses = ofType<fhir.Condition>(fixture, 'Condition').map((c) => c.clinicalStatus?.coding?.[0]?.code);
    expect(statuses).toContain('active');
    expect(statuses.some((s) => s === 'resolved' || s === 'remission' || s === 'inactive')).toBe(true);
  });
});

describe('every chart resource', () => {
  it('references its own patient as Patient/<PHN>', () => {
    for (const { record, chart } of charts) {
      for (const r of chart) {
        const ref = JSON.stringify(r).match(/"reference":"Patient\/(\d+)"/g) ?? [];
        expect(ref.length, `${r.resourceType}/${r.id}`).toBeGreaterThan(0);
        for (const m of ref) expect(m).toBe(`"reference":"Patient/${record.phn}"`);
      }
    }
  });

  it('has a unique id, an XHTML narrative and the HTEST label', () => {
    const ids = new Set<string>();
    for (const r of all as fhir.DomainResource[]) {
      const key = `${r.resourceType}/${r.id}`;
      expect(ids.has(key), key).toBe(false);
      ids.add(key);
      expect(r.text?.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">.+<\/div>$/s);
      expect(r.meta?.security?.map((s) => s.code)).toContain('HTEST');
    }
  });

  it('is dated no later than the reference date, except appointments booked ahead', () => {
    const dates = /"(?:onsetDateTime|abatementDateTime|recordedDate|effectiveDateTime|occurrenceDateTime|date|dateAsserted|start|end|creation)":"([^"]+)"/g;
    for (const r of all) {
      if (r.resourceType === 'Appointment' && (r as fhir.Appointment).status === 'booked') continue;
      for (const m of JSON.stringify(r).matchAll(dates)) expect((m[1] ?? '').slice(0, 10) <= '2026-01-01', `${r.resourceType}/${r.id} ${m[0]}`).toBe(true);
    }
  });

  it('links medications to conditions of the same chart', () => {
    for (const { chart } of charts) {
      const conditionIds = new Set(ofType<fhir.Condition>(chart, 'Condition').map((c) => `Condition/${c.id}`));
      for (const m of ofType<fhir.MedicationStatement>(chart, 'MedicationStatement')) expect(conditionIds.has(m.reasonReference?.[0]?.reference ?? '')).toBe(true);
    }
  });

  it('is missing for merged non-survivors and injected duplicates (registry-only records)', () => {
    for (const { record, chart } of charts) if (record.status === 'merged') expect(chart).toEqual([]);
    const duplicate = population.clientByPhn(population.fixtures.duplicatePair[1]);
    expect(population.chart(duplicate?.index ?? -1)).toEqual([]);
  });
});

describe('document attachments', () => {
  const docs = ofType<fhir.DocumentReference>(all, 'DocumentReference');
  const attachment = (d: fhir.DocumentReference): fhir.Attachment => d.content[0]?.attachment ?? {};
  const bytes = (d: fhir.DocumentReference): Buffer => Buffer.from(attachment(d).data ?? '', 'base64');

  it('have titles with an extension Ocean supports, and sizes that match the data', () => {
    expect(docs.length).toBeGreaterThan(50);
    for (const d of docs) {
      expect(OCEAN_ATTACHMENT_EXTENSIONS).toContain(attachment(d).title?.split('.').pop());
      expect(attachment(d).size).toBe(bytes(d).length);
    }
  });

  it('hold a valid PDF whose xref offsets point at its objects', () => {
    const pdf = docs.find((d) => attachment(d).contentType === 'application/pdf');
    const text = bytes(pdf as fhir.DocumentReference).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
  });

  it('hold a valid PNG: signature, correct chunk CRCs, and image data of the declared size', async () => {
    const { crc32 } = await import('node:zlib');
    const png = bytes(docs.find((d) => attachment(d).contentType === 'image/png') as fhir.DocumentReference);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    let offset = 8;
    const chunks: Record<string, Buffer> = {};
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0);
      chunks[type] = data;
      offset += 12 + length;
    }
    const width = chunks.IHDR?.readUInt32BE(0) ?? 0;
    const height = chunks.IHDR?.readUInt32BE(4) ?? 0;
    expect(inflateSync(chunks.IDAT ?? Buffer.alloc(0)).length).toBe((width + 1) * height);
    expect(Object.keys(chunks)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('hold a text note and a BMP photo in the full-chart fixture', () => {
    const fixtureDocs = ofType<fhir.DocumentReference>(fixture, 'DocumentReference');
    const txt = fixtureDocs.find((d) => attachment(d).title?.endsWith('.txt'));
    expect(bytes(txt as fhir.DocumentReference).toString('utf8')).toContain('PHN: 9876543218');
    const bmp = bytes(fixtureDocs.find((d) => attachment(d).title?.endsWith('.bmp')) as fhir.DocumentReference);
    expect(bmp.toString('latin1', 0, 2)).toBe('BM');
    expect(bmp.readUInt32LE(2)).toBe(bmp.length);
  });
});

describe('the full-chart fixture', () => {
  it('holds every kind of resource Ocean reads from $everything', () => {
    const types = new Set(fixture.map((r) => r.resourceType));
    for (const t of ['Condition', 'MedicationStatement', 'AllergyIntolerance', 'Immunization', 'FamilyMemberHistory', 'Observation', 'Appointment', 'DocumentReference']) expect(types.has(t), t).toBe(true);
  });

  it('is the same for every seed', () => {
    expect(JSON.stringify(smallPopulation(99).chart(0))).toBe(JSON.stringify(fixture));
  });
});
