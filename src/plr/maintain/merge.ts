// Applies a maintain to a stored record: add new attributes, end replaced ones (end reason + period), never delete.
import type * as fhir from '../../fhir/types.js';
import { isCurrent, periodOf } from '../registry/current.js';
import { CS, EXT } from '../vocabulary.js';

type Element = { period?: fhir.Period; extension?: fhir.Extension[] };

export interface ListRule<T> {
  /** Same value: the incoming element updates (or ends) this one. */
  identity(e: T): string;
  /** Same slot: only one current element per slot, so a new value ends the old one (CHG). */
  slot?(e: T): string;
}

export interface MergeClock {
  /** ISO instant the registry ends replaced attributes at. */
  at: string;
  now: number;
}

const endReason = (code: string): fhir.Extension => ({ url: EXT.endReason, valueCodeableConcept: { coding: [{ system: CS.endReason, code }] } });

/** Ends an element at `at` with a reason (keeps the incoming end reason when given). */
export function endElement<T extends Element>(e: T, at: string, reason: fhir.Extension | string = 'CHG'): T {
  const copy = structuredClone(e);
  const reasonExt = typeof reason === 'string' ? endReason(reason) : reason;
  copy.extension = [...(copy.extension ?? []).filter((x) => x.url !== EXT.endReason), reasonExt];
  if ('period' in copy || !copy.extension.some((x) => x.url === EXT.period)) copy.period = { ...copy.period, end: at };
  else copy.extension = copy.extension.map((x) => (x.url === EXT.period ? { ...x, valuePeriod: { ...x.valuePeriod, end: at } } : x));
  return copy;
}

/** Merges an incoming list into a stored one under the PLR rules. */
export function mergeList<T extends Element>(stored: readonly T[] | undefined, incoming: readonly T[] | undefined, rule: ListRule<T>, clock: MergeClock): T[] {
  const out = (stored ?? []).map((e) => structuredClone(e));
  for (const inc of incoming ?? []) {
    const ending = periodOf(inc)?.end !== undefined && !isCurrent(inc, clock.now + 1);
    const same = out.findIndex((e) => isCurrent(e, clock.now) && rule.identity(e) === rule.identity(inc));
    if (ending) {
      if (same >= 0) out[same] = endElement(out[same]!, periodOf(inc)!.end!, inc.extension?.find((x) => x.url === EXT.endReason) ?? 'CEASE');
      continue;
    }
    if (same >= 0) {
      const keep = out[same]!.period;
      out[same] = structuredClone(inc);
      if (!inc.period && keep) out[same]!.period = keep;
      continue;
    }
    if (rule.slot) {
      const slot = rule.slot(inc);
      out.forEach((e, i) => {
        if (isCurrent(e, clock.now) && rule.slot!(e) === slot) out[i] = endElement(e, clock.at, 'CHG');
      });
    }
    out.push(structuredClone(inc));
  }
  return out;
}

const codes = (c: fhir.CodeableConcept | undefined) => (c?.coding ?? []).map((x) => `${x.code}`).join(',');
const purpose = (e: Element) => codes(e.extension?.find((x) => x.url.endsWith('bc-communication-purpose-code-extension'))?.valueCodeableConcept);
const owner = (e: Element) => e.extension?.find((x) => x.url === EXT.owner)?.valueIdentifier?.assigner?.display ?? '';

export const RULES = {
  identifier: { identity: (i: fhir.Identifier) => `${i.system}|${i.value}`.toLowerCase() } satisfies ListRule<fhir.Identifier>,
  name: {
    identity: (n: fhir.HumanName) => `${n.use}|${n.family}|${(n.given ?? []).join(' ')}|${(n.prefix ?? []).join(' ')}`.toLowerCase(),
    slot: (n: fhir.HumanName) => `${n.use ?? 'official'}|${owner(n)}`,
  } satisfies ListRule<fhir.HumanName>,
  telecom: {
    identity: (t: fhir.ContactPoint) => `${t.system}|${t.value}|${purpose(t)}`.toLowerCase(),
    slot: (t: fhir.ContactPoint) => `${t.system}|${purpose(t)}|${owner(t)}`,
  } satisfies ListRule<fhir.ContactPoint>,
  address: {
    identity: (a: fhir.Address) => `${(a.line ?? []).join('/')}|${a.city}|${a.postalCode}|${purpose(a)}`.toLowerCase(),
    slot: (a: fhir.Address) => `${a.type ?? ''}|${a.use ?? ''}|${purpose(a)}|${owner(a)}`,
  } satisfies ListRule<fhir.Address>,
  concept: { identity: (c: fhir.CodeableConcept) => codes(c) } satisfies ListRule<fhir.CodeableConcept>,
  qualification: { identity: (q: fhir.PractitionerQualification) => codes(q.code) } satisfies ListRule<fhir.PractitionerQualification>,
};

const statusPart = (e: fhir.Extension, name: string) => e.extension?.find((x) => x.url === name);
const statusPeriod = (e: fhir.Extension): Element => ({ period: statusPart(e, 'period')?.valuePeriod });

/** bc-license-status-extension: one current status per class (LIC, AE); a new one ends the old with CHG. */
export function mergeStatuses(stored: fhir.Extension[], incoming: fhir.Extension[], clock: MergeClock): fhir.Extension[] {
  const cls = (e: fhir.Extension) => codes(statusPart(e, 'statusClassCode')?.valueCodeableConcept) || statusPart(e, 'statusClassCode')?.valueCode || 'LIC';
  const out = stored.map((e) => structuredClone(e));
  for (const inc of incoming) {
    // The same status sent again changes nothing (ended with CHG and added again, each maintain grew the record).
    if (out.some((e) => cls(e) === cls(inc) && isCurrent(statusPeriod(e), clock.now) && JSON.stringify(e) === JSON.stringify(inc))) continue;
    out.forEach((e, i) => {
      if (cls(e) !== cls(inc) || !isCurrent(statusPeriod(e), clock.now)) return;
      const parts = (e.extension ?? []).map((x) => (x.url === 'period' ? { ...x, valuePeriod: { ...x.valuePeriod, end: clock.at } } : x));
      out[i] = { ...e, extension: [...parts.filter((x) => x.url !== EXT.endReason), endReason('CHG')] };
    });
    out.push(structuredClone(inc));
  }
  return out;
}
