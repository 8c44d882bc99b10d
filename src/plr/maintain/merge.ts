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

/** Positions in a list by key, each key's in ascending order (the first is the one a scan would find). */
class Positions {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, i: number): void {
    const list = this.byKey.get(key);
    if (!list) return void this.byKey.set(key, [i]);
    let k = list.length;
    while (k > 0 && list[k - 1]! > i) k -= 1;
    list.splice(k, 0, i);
  }

  remove(key: string, i: number): void {
    const list = this.byKey.get(key);
    const k = list ? list.indexOf(i) : -1;
    if (k >= 0) list!.splice(k, 1);
  }

  first(key: string): number | undefined {
    return this.byKey.get(key)?.[0];
  }

  all(key: string): number[] {
    return [...(this.byKey.get(key) ?? [])];
  }
}

/**
 * Merges an incoming list into a stored one under the PLR rules. The current elements are indexed by identity and
 * slot once, so each incoming element looks its match up instead of scanning the list; an element the merge ends
 * leaves the index for good, so it is never ended again, whatever instant it was ended at.
 */
export function mergeList<T extends Element>(stored: readonly T[] | undefined, incoming: readonly T[] | undefined, rule: ListRule<T>, clock: MergeClock): T[] {
  const out = (stored ?? []).map((e) => structuredClone(e));
  const identities = new Positions();
  const slots = new Positions();
  const keys: ({ identity: string; slot?: string } | undefined)[] = [];
  const track = (i: number): void => {
    const e = out[i]!;
    if (!isCurrent(e, clock.now)) return;
    const k = (keys[i] = { identity: rule.identity(e), slot: rule.slot?.(e) });
    identities.add(k.identity, i);
    if (k.slot !== undefined) slots.add(k.slot, i);
  };
  const untrack = (i: number): void => {
    const k = keys[i];
    if (!k) return;
    identities.remove(k.identity, i);
    if (k.slot !== undefined) slots.remove(k.slot, i);
    keys[i] = undefined;
  };
  const end = (i: number, at: string, reason: fhir.Extension | string): void => {
    untrack(i);
    out[i] = endElement(out[i]!, at, reason);
  };
  out.forEach((_, i) => track(i));
  for (const inc of incoming ?? []) {
    const ending = periodOf(inc)?.end !== undefined && !isCurrent(inc, clock.now + 1);
    const same = identities.first(rule.identity(inc));
    if (ending) {
      if (same !== undefined) end(same, periodOf(inc)!.end!, inc.extension?.find((x) => x.url === EXT.endReason) ?? 'CEASE');
      continue;
    }
    if (same !== undefined) {
      const keep = out[same]!.period;
      untrack(same);
      out[same] = structuredClone(inc);
      if (!inc.period && keep) out[same]!.period = keep;
      track(same);
      continue;
    }
    if (rule.slot) for (const i of slots.all(rule.slot(inc))) end(i, clock.at, 'CHG');
    out.push(structuredClone(inc));
    track(out.length - 1);
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
  // The current statuses of each class with their JSON, so an incoming one is compared with those alone; one ended
  // here leaves them for good.
  const current = new Map<string, { i: number; json: string }[]>();
  const track = (i: number): void => {
    const e = out[i]!;
    if (!isCurrent(statusPeriod(e), clock.now)) return;
    const list = current.get(cls(e));
    if (list) list.push({ i, json: JSON.stringify(e) });
    else current.set(cls(e), [{ i, json: JSON.stringify(e) }]);
  };
  out.forEach((_, i) => track(i));
  for (const inc of incoming) {
    const same = current.get(cls(inc)) ?? [];
    // The same status sent again changes nothing (ended with CHG and added again, each maintain grew the record).
    const json = JSON.stringify(inc);
    if (same.some((c) => c.json === json)) continue;
    for (const { i } of same) {
      const e = out[i]!;
      const parts = (e.extension ?? []).map((x) => (x.url === 'period' ? { ...x, valuePeriod: { ...x.valuePeriod, end: clock.at } } : x));
      out[i] = { ...e, extension: [...parts.filter((x) => x.url !== EXT.endReason), endReason('CHG')] };
    }
    current.delete(cls(inc));
    out.push(structuredClone(inc));
    track(out.length - 1);
  }
  return out;
}
