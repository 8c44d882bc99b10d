// Reading searchable values out of PLR resources: identifiers, codes, licence statuses, health boundaries.
import type * as fhir from '../../fhir/types.js';
import { inForce, isCurrent } from '../registry/current.js';
import { canonicalSystem, EXT, IDENTIFIER_TYPES } from '../vocabulary.js';
import { textMatches, type TextPattern } from './criteria.js';
import { own } from '../../validation/own.js';
import { HEALTH_AUTHORITIES } from '../../population/data/health-areas.js';

/** Codes of CodeableConcepts (every coding). */
export function codesOf(concepts: readonly (fhir.CodeableConcept | undefined)[] | undefined): string[] {
  return (concepts ?? []).flatMap((c) => (c?.coding ?? []).map((x) => x.code ?? '')).filter(Boolean);
}

/** A code from an extension value, whatever type it is in. */
export function extensionCode(e: fhir.Extension | undefined): string | undefined {
  return e?.valueCode ?? e?.valueCoding?.code ?? e?.valueCodeableConcept?.coding?.[0]?.code ?? e?.valueString;
}

const sub = (e: fhir.Extension, name: string) => e.extension?.find((x) => x.url === name || x.url.endsWith(`/${name}`));

export interface LicenceStatus {
  status?: string;
  reason?: string;
  statusClass?: string;
  period?: fhir.Period;
}

/** bc-license-status-extension entries (current ones unless history is wanted). */
export function licenceStatuses(resource: fhir.DomainResource, now: number, withHistory = false): LicenceStatus[] {
  return (resource.extension ?? [])
    .filter((e) => e.url === EXT.licenseStatus)
    .map((e) => ({
      status: extensionCode(sub(e, 'statusCode')),
      reason: extensionCode(sub(e, 'statusReasonCode')),
      statusClass: extensionCode(sub(e, 'statusClassCode')),
      period: sub(e, 'period')?.valuePeriod ?? sub(e, 'bc-period-extension')?.valuePeriod,
    }))
    .filter((s) => withHistory || isCurrent({ period: s.period }, now));
}

/** Parses `identifier=[system]|[value]` (or a bare value, with an optional identifier-type). */
export function parseIdentifierParam(text: string, type: string | undefined): { system?: string; value: string } {
  const bar = text.indexOf('|');
  const system = bar >= 0 ? text.slice(0, bar) : type ? (own(IDENTIFIER_TYPES, type.toUpperCase()) ?? type) : undefined;
  const value = (bar >= 0 ? text.slice(bar + 1) : text).trim();
  return { system: system ? canonicalSystem(system) : undefined, value: value.toLowerCase() };
}

/** True when one of the identifiers (or the registry id itself) matches. */
export function identifierMatches(
  wanted: { system?: string; value: string },
  identifiers: readonly fhir.Identifier[] | undefined,
  extraIds: readonly { system: string; value: string | undefined }[],
  now: number,
  withHistory: boolean,
): boolean {
  const all = [...inForce(identifiers, now, withHistory), ...extraIds];
  return all.some((i) => i.value?.toLowerCase() === wanted.value && (!wanted.system || canonicalSystem(i.system) === wanted.system));
}

/** True when any of the values matches the pattern. */
export function anyMatches(pattern: TextPattern, values: readonly (string | undefined)[]): boolean {
  return values.some((v) => textMatches(pattern, v));
}

const BOUNDARY_PARTS: Record<string, string[]> = {
  healthAuthority: ['HA', EXT.healthAuthority],
  healthServiceDeliveryArea: ['HSDA', EXT.hsda],
  localHealthArea: ['LHA', EXT.lha],
  communityHealthServiceArea: ['CHSA', EXT.chsa],
};

/**
 * A health authority goes by its boundary name (`Interior`, as PLR-TEST searches it) and its organization's name
 * (`Interior Health`, the IG's example search): either finds it, whichever the facility carries.
 */
const AUTHORITY_NAMES = new Map(HEALTH_AUTHORITIES.flatMap((a) => [[a.name.toLowerCase(), [a.name, a.orgName]], [a.orgName.toLowerCase(), [a.name, a.orgName]]] as const));

/** The names a Location has for one health boundary (full names, as the IG's searches take them). */
export function boundaryNames(location: fhir.Location, boundary: string): string[] {
  const names = own(BOUNDARY_PARTS, boundary) ?? [];
  const wrappers = (location.extension ?? []).filter((e) => e.url === EXT.serviceArea);
  const found = wrappers.flatMap((w) =>
    (w.extension ?? [])
      .filter((x) => names.includes(x.url))
      .map((x) => x.valueString ?? x.extension?.find((n) => n.url === 'name')?.valueString ?? x.valueCodeableConcept?.text ?? x.valueCodeableConcept?.coding?.[0]?.display)
      .filter((v): v is string => Boolean(v)),
  );
  return boundary === 'healthAuthority' ? found.flatMap((n) => AUTHORITY_NAMES.get(n.toLowerCase()) ?? [n]) : found;
}

/** Addresses of a Location: its civic address and the bc-facility-physical-address-extension. */
export function locationAddresses(location: fhir.Location): fhir.Address[] {
  const physical = (location.extension ?? []).filter((e) => e.url === EXT.physicalAddress && e.valueAddress).map((e) => e.valueAddress!);
  return [...(location.address ? [location.address] : []), ...physical];
}
