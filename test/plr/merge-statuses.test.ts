// Licence statuses on maintain: a new one ends the current one of its class with CHG; the same one sent again changes nothing.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { mergeStatuses } from '../../src/plr/maintain/merge.js';
import { keepNewestEnded } from '../../src/plr/registry/ended-history.js';
import { CS, EXT } from '../../src/plr/vocabulary.js';

const clock = { at: '2026-03-02T09:00:00.000Z', now: Date.parse('2026-03-02T09:00:00.000Z') };
const status = (code: string): fhir.Extension => ({
  url: EXT.licenseStatus,
  extension: [
    { url: 'statusClassCode', valueCodeableConcept: { coding: [{ system: CS.licenseStatus, code: 'LIC' }] } },
    { url: 'statusCode', valueCodeableConcept: { coding: [{ system: CS.licenseStatus, code }] } },
    { url: 'period', valuePeriod: { start: '2020-01-01' } },
  ],
});

describe('mergeStatuses', () => {
  it('keeps one status when the same one is sent again, however often', () => {
    let kept = mergeStatuses([], [status('ACTIVE')], clock);
    for (let i = 0; i < 5; i++) kept = mergeStatuses(kept, [status('ACTIVE')], clock);
    expect(kept).toEqual([status('ACTIVE')]);
  });

  it('ends the current status of the class with CHG when a different one comes', () => {
    const kept = mergeStatuses([status('ACTIVE')], [status('SUSPENDED')], clock);
    expect(kept).toHaveLength(2);
    const ended = kept[0]!.extension!;
    expect(ended.find((x) => x.url === 'period')?.valuePeriod?.end).toBe(clock.at);
    expect(ended.find((x) => x.url === EXT.endReason)?.valueCodeableConcept?.coding?.[0]?.code).toBe('CHG');
    expect(kept[1]).toEqual(status('SUSPENDED'));
  });
});

describe('keepNewestEnded', () => {
  it('keeps the newest ended licence statuses of a class, the current one, and every other extension', () => {
    let kept = [status('ACTIVE')];
    for (const code of ['SUSPENDED', 'ACTIVE', 'RETIRED', 'ACTIVE', 'SUSPENDED']) kept = mergeStatuses(kept, [status(code)], clock);
    const other: fhir.Extension = { url: 'https://example.org/other', valueString: 'x' };
    const record = { practitioner: { id: 'p', extension: [other, ...kept] } };
    const trimmed = keepNewestEnded(record, 2);
    const codes = trimmed.practitioner.extension.map((e) => `${e.extension?.find((x) => x.url === 'statusCode')?.valueCodeableConcept?.coding?.[0]?.code ?? e.url}${e.extension?.some((x) => x.url === EXT.endReason) ? ' (ended)' : ''}`);
    expect(codes).toEqual(['https://example.org/other', 'RETIRED (ended)', 'ACTIVE (ended)', 'SUSPENDED']);
    expect(record.practitioner.extension).toHaveLength(7);
    expect(keepNewestEnded(record, 10)).toBe(record);
  });
});
