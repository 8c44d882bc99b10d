// Licence statuses on maintain: a new one ends the current one of its class with CHG; the same one sent again changes nothing.
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { mergeStatuses } from '../../src/plr/maintain/merge.js';
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
