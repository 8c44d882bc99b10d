// Field rules for the Practitioner, Organization or Location of a maintain bundle (the Ministry's PLR test suite, https://github.com/bcgov/moh-plr-web-test-suite).
import type * as fhir from '../../fhir/types.js';
import { plainIssue, plrIssue } from '../error-codes.js';
import { isCurrent } from '../registry/current.js';
import { extensionCode, licenceStatuses } from '../query/fields.js';
import { CS, END_REASONS, EXT, LICENSE_STATUSES, NS, STATUS_CLASSES, canonicalSystem, emittedSystem } from '../vocabulary.js';
import type { Checker } from './checker.js';
import type { MaintainContent } from './parse.js';
import { firstBeyondBounds } from '../../validation/beyond-bounds.js';
import { own } from '../../validation/own.js';

const PHONE_SYSTEMS = new Set(['phone', 'fax', 'pager', 'sms']);
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

const ownerOf = (e: { extension?: fhir.Extension[] }) => e.extension?.find((x) => x.url === EXT.owner)?.valueIdentifier?.assigner?.display ?? '';
const purposeOf = (e: { extension?: fhir.Extension[] }) => extensionCode(e.extension?.find((x) => x.url.endsWith('bc-communication-purpose-code-extension'))) ?? '';
const hasEndReason = (e: { extension?: fhir.Extension[] }) => Boolean(e.extension?.some((x) => x.url === EXT.endReason));

/**
 * Most entries one list of a maintain may carry (names, identifiers, telecoms, addresses, qualifications, languages,
 * role codes and specialties, extensions, and the lists inside each: given names, address lines, codings). A real
 * provider record has a handful of each: a name or two, a licence and a billing number, a phone, fax and e-mail per
 * purpose and data owner. 50 is ten times that, and a maintain
 * carries changes, not the record's history (the registry keeps that itself).
 */
export const MAX_LIST_ENTRIES = 50;

/**
 * Most relationships (PractitionerRoles and OrganizationAffiliations) one maintain may carry: a provider has a few
 * workplaces, but a facility or organization sent with its staff has many, and each one is a record of its own.
 */
export const MAX_RELATIONSHIPS = 100;

/** The lists of each resource of a maintain bundle (as shape.ts knows them, and extensions). */
const LISTS: Record<string, readonly string[]> = {
  Practitioner: ['identifier', 'name', 'telecom', 'address', 'qualification', 'communication', 'contained', 'extension'],
  PractitionerRole: ['identifier', 'code', 'specialty', 'location', 'telecom', 'extension'],
  Organization: ['identifier', 'type', 'telecom', 'address', 'alias', 'extension'],
  OrganizationAffiliation: ['identifier', 'code', 'specialty', 'location', 'telecom', 'extension'],
  Location: ['identifier', 'type', 'telecom', 'alias', 'extension'],
};

function listsOf(check: Checker, resource: fhir.Resource, path: string): void {
  const tooLong = (at: string, length: number) =>
    check.add(plrIssue('length', { field: `${resource.resourceType}.${at}`, min: 0, max: MAX_LIST_ENTRIES, expression: `${path}.${at}`, diagnostics: `This one has ${length}.` }));
  for (const key of own(LISTS, resource.resourceType) ?? []) {
    const list = (resource as unknown as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    if (list.length > MAX_LIST_ENTRIES) {
      tooLong(key, list.length);
      continue;
    }
    // Lists inside an entry (given names, address lines, codings, nested extensions) are bounded alike; the first
    // over-long one of each entry is reported. The body's nesting is bounded (64 levels) before this walk.
    list.forEach((item, i) => {
      const inner = firstBeyondBounds(item, `${key}[${i}]`, { entries: MAX_LIST_ENTRIES });
      if (inner) tooLong(inner.at, inner.length);
    });
  }
}

/**
 * GRS.SYS.UNK.UNK.1.0.5003 for each list longer than the registry takes, and for too many relationships; false when
 * any is, so that no rule, and no merge, walks it (each runs once per entry of a list, some per pair).
 */
export function listSizes(check: Checker, content: MaintainContent): boolean {
  const before = check.issues.length;
  const { relationships } = content;
  if (relationships.length > MAX_RELATIONSHIPS) {
    check.add(plrIssue('length', { field: 'Relationships', min: 0, max: MAX_RELATIONSHIPS, expression: 'Bundle.entry', diagnostics: `This bundle has ${relationships.length} PractitionerRole and OrganizationAffiliation relationships.` }));
    return false;
  }
  listsOf(check, content.main, content.main.resourceType);
  if (content.role) listsOf(check, content.role, 'PractitionerRole');
  relationships.forEach((rel, i) => listsOf(check, rel, `Bundle.entry.where(resource is ${rel.resourceType})[${i}]`));
  return check.issues.length === before;
}

/** Identifiers other than the registry's own ids (IPC, IFC, CPN). */
export function sourceIdentifiers(identifiers: readonly fhir.Identifier[] | undefined): fhir.Identifier[] {
  const own = new Set([NS.ipc, NS.ifc, NS.cpn].map(canonicalSystem));
  return (identifiers ?? []).filter((i) => !own.has(canonicalSystem(i.system)));
}

function identifiers(check: Checker, list: fhir.Identifier[] | undefined, path: string, typeField: string): void {
  (list ?? []).forEach((id, i) => {
    const at = `${path}.identifier[${i}]`;
    check.mandatory(id.value, 'Identifier', `${at}.value`);
    check.mandatory(id.system, typeField, `${at}.system`);
    check.text(id.value, 'Provider Identifier', `${at}.value`, { max: 50 }, 'identifier');
  });
}

function contacts(check: Checker, r: { address?: fhir.Address[]; telecom?: fhir.ContactPoint[] }, path: string, now: number): void {
  (r.address ?? []).forEach((a, i) => address(check, a, `${path}.address[${i}]`));
  (r.telecom ?? []).forEach((t, i) => {
    const at = `${path}.telecom[${i}]`;
    if (PHONE_SYSTEMS.has(t.system ?? '')) {
      check.mandatory(t.value, 'Phone Number', `${at}.value`);
      check.text(t.value, 'Phone Number', `${at}.value`, { min: 1, max: 30 }, 'telecom');
    } else {
      check.text(t.value, 'Electronic Address', `${at}.value`, { max: 500 });
      if (t.system === 'email') check.email(t.value, 'Electronic Address', `${at}.value`);
    }
  });
  uniqueTypePurpose(check, r.telecom, 'Telecom', (t) => t.system ?? '', `${path}.telecom`, now);
  uniqueTypePurpose(check, r.address, 'Address', (a) => `${a.type ?? ''}/${a.use ?? ''}`, `${path}.address`, now);
  endReasons(check, [...(r.address ?? []), ...(r.telecom ?? [])], path);
}

export function address(check: Checker, a: fhir.Address, at: string): void {
  (a.line ?? []).forEach((line, n) => check.text(line, `Address Line ${n + 1}`, `${at}.line[${n}]`, { max: 100 }, 'address'));
  check.text(a.city, 'City', `${at}.city`, { max: 60 }, 'address');
}

/** PRS.REG.UNK.MTN.1.0.2201: one current address / telecom per type and purpose unless the owner differs. */
function uniqueTypePurpose<T extends { extension?: fhir.Extension[]; period?: fhir.Period }>(check: Checker, list: T[] | undefined, field: string, type: (t: T) => string, at: string, now: number): void {
  const seen = new Set<string>();
  for (const item of (list ?? []).filter((x) => isCurrent(x, now))) {
    const key = `${type(item)}|${purposeOf(item)}|${ownerOf(item)}`;
    if (seen.has(key)) check.add(plrIssue('uniqueTypePurpose', { field, expression: at }));
    seen.add(key);
  }
}

/** An attribute ended in the request must say why (bc-end-reason-extension). */
function endReasons(check: Checker, list: { period?: fhir.Period; extension?: fhir.Extension[] }[], path: string): void {
  if (list.some((x) => x.period?.end && !hasEndReason(x))) check.mandatory(undefined, 'End Reason', path);
}

function statuses(check: Checker, r: fhir.DomainResource, path: string, now: number): void {
  for (const s of licenceStatuses(r, now, true)) {
    check.mandatory(s.status, 'Status Code', `${path}.extension('bc-license-status-extension').statusCode`);
    check.mandatory(s.reason, 'Status Reason Code', `${path}.extension('bc-license-status-extension').statusReasonCode`);
    check.mandatory(s.statusClass, 'Status Class Code', `${path}.extension('bc-license-status-extension').statusClassCode`);
    check.mandatory(s.period?.start, 'Effective From', `${path}.extension('bc-license-status-extension').period`);
    if (s.status && !(LICENSE_STATUSES as readonly string[]).includes(s.status)) check.add(plainIssue('error', 'code-invalid', `Status Code '${s.status}' is not in bc-license-status-code-system (${LICENSE_STATUSES.join(', ')}).`));
    if (s.statusClass && !(STATUS_CLASSES as readonly string[]).includes(s.statusClass)) check.add(plainIssue('error', 'code-invalid', `Status Class Code '${s.statusClass}' must be LIC or AE.`));
  }
}

function practitioner(check: Checker, content: MaintainContent, creating: boolean, now: number, today: string): void {
  const p = content.main as fhir.Practitioner;
  if (creating) check.mandatory(sourceIdentifiers(p.identifier)[0], 'Identifier', 'Practitioner.identifier');
  identifiers(check, p.identifier, 'Practitioner', 'Identifier (Type)');
  const names = p.name ?? [];
  if (creating) {
    const current = names.filter((n) => isCurrent(n, now));
    check.mandatory(current.find((n) => n.family)?.family, 'Surname', 'Practitioner.name.family');
    check.mandatory(current.find((n) => n.given?.length)?.given, 'First Name', 'Practitioner.name.given');
    check.mandatory(p.gender, 'Gender', 'Practitioner.gender');
    check.mandatory(content.role?.code?.[0]?.coding?.[0]?.code, 'Provider Role Type', 'PractitionerRole.code');
  }
  // bc-practitioner-role-value-set (required): Infoway's scptype (the IG's http or PLR-TEST's https) and PLR's own
  // bc-practitioner-role-code-system. A coding of any other system is not a PLR role.
  (content.role?.code ?? []).flatMap((c) => c.coding ?? []).forEach((c, i) => {
    if (c.system && emittedSystem(c.system) !== CS.scptype && emittedSystem(c.system) !== CS.practitionerRole) {
      check.add({ ...plainIssue('error', 'code-invalid', `Provider Role Type '${c.code ?? ''}' is coded in ${c.system}; bc-practitioner-role-value-set takes ${CS.scptype} and ${CS.practitionerRole}.`), expression: [`PractitionerRole.code.coding[${i}].system`] });
    }
  });
  names.forEach((n, i) => {
    const at = `Practitioner.name[${i}]`;
    check.text(n.family, 'Surname', `${at}.family`, { min: 1, max: 50 }, 'name');
    (n.given ?? []).forEach((g, k) => check.text(g, ['First Name', 'Second Name', 'Third Name'][k] ?? 'Given Name', `${at}.given[${k}]`, { min: k === 0 ? 1 : 0, max: 50 }, 'name'));
    (n.prefix ?? []).forEach((x, k) => check.text(x, 'Prefix', `${at}.prefix[${k}]`, { max: 10 }, 'name'));
  });
  endReasons(check, [...names, ...(p.identifier ?? [])], 'Practitioner');
  if (p.gender !== undefined && !GENDERS.has(p.gender)) check.add(plainIssue('error', 'code-invalid', `Gender '${p.gender}' must be male, female, other or unknown.`));
  if (check.date(p.birthDate, 'Date of Birth', 'Practitioner.birthDate') && p.birthDate && (p.birthDate < '1800-01-01' || p.birthDate.slice(0, 10) > today)) {
    check.add(plrIssue('birthDateRange', { field: 'Date of Birth', expression: 'Practitioner.birthDate' }));
  }
  (p.qualification ?? []).forEach((q, i) => check.mandatory(q.code?.coding?.[0]?.code ?? q.code?.text, 'Credential Type', `Practitioner.qualification[${i}].code`));
  contacts(check, p, 'Practitioner', now);
  statuses(check, p, 'Practitioner', now);
}

function organization(check: Checker, content: MaintainContent, creating: boolean, now: number): void {
  const o = content.main as fhir.Organization;
  if (creating) {
    check.mandatory(o.name, 'Name', 'Organization.name');
    check.mandatory(o.type?.[0]?.coding?.[0]?.code, 'Organizational Provider Role Type', 'Organization.type');
  }
  check.text(o.name, 'Name', 'Organization.name', { min: 1, max: 255 }, 'facilityName');
  // bc-organization fixes `active` to true: an organization ends by its status, not by this flag.
  if (o.active === false) check.add({ ...plainIssue('error', 'invariant', 'Organization.active must be true (bc-organization fixes it); end an organization with its status (bc-license-status-extension) or its period.'), expression: ['Organization.active'] });
  identifiers(check, o.identifier, 'Organization', 'Identifier (Type)');
  contacts(check, o, 'Organization', now);
  statuses(check, o, 'Organization', now);
}

function location(check: Checker, content: MaintainContent, creating: boolean, now: number): void {
  const l = content.main as fhir.Location;
  if (creating) {
    check.mandatory(l.address?.line?.[0], 'Address Line 1', 'Location.address.line');
    check.mandatory(l.address?.city, 'City', 'Location.address.city');
  }
  check.text(l.name, 'Facility Name', 'Location.name', { max: 100 }, 'facilityName');
  check.text(l.description, 'Facility Description', 'Location.description', { max: 200 });
  identifiers(check, l.identifier, 'Location', 'Facility Identifier (Type)');
  if (l.address) address(check, l.address, 'Location.address');
  contacts(check, { telecom: l.telecom }, 'Location', now);
}

/**
 * Every bc-end-reason-extension in `value` (a resource of the bundle, at any depth: a name, an address, a status, a
 * relationship) must carry a code of bc-end-reason-code-system. The body's nesting is bounded before this walk.
 */
function endReasonCodes(check: Checker, value: unknown, path: string): void {
  if (Array.isArray(value)) return value.forEach((v, i) => endReasonCodes(check, v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return;
  const ext = value as fhir.Extension;
  if (ext.url === EXT.endReason) {
    const code = extensionCode(ext);
    if (code !== undefined && !(END_REASONS as readonly string[]).includes(code)) check.add({ ...plainIssue('error', 'code-invalid', `End Reason '${code}' is not in bc-end-reason-code-system (${END_REASONS.join(', ')}).`), expression: [path] });
    return;
  }
  for (const [key, v] of Object.entries(value)) if (v && typeof v === 'object') endReasonCodes(check, v, `${path}.${key}`);
}

/** Checks the main resource; issues are collected on the checker. */
export function validateEntity(check: Checker, content: MaintainContent, creating: boolean, now: number, today: string): void {
  if (content.kind === 'practitioner') practitioner(check, content, creating, now, today);
  else if (content.kind === 'organization') organization(check, content, creating, now);
  else location(check, content, creating, now);
  for (const r of [content.main, ...(content.role ? [content.role] : []), ...content.relationships]) endReasonCodes(check, r, r.resourceType);
  for (const note of (content.main.extension ?? []).filter((e) => e.url === EXT.note)) {
    const part = (name: string) => note.extension?.find((x) => x.url === name)?.valueString ?? note.extension?.find((x) => x.url === name)?.valueIdentifier?.value;
    check.text(part('identifier'), 'Note Identifier', 'extension(bc-note-extension).identifier', { max: 30 });
    check.text(part('text'), 'Note Text', 'extension(bc-note-extension).text', { max: 255 }, 'note');
  }
}
