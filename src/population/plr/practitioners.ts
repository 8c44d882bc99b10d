// PLR individual providers: Practitioner + its role PractitionerRole + relationship PractitionerRoles.
import type * as fhir from '../../fhir/types.js';
import { PLR_EXT, PLR_PROFILE, PLR_SYS } from '../data/plr/systems.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { isoDate } from '../time/calendar.js';
import type { PlrProvider } from '../types.js';
import { coding, endReasonExt, identifierRef, licenseStatusExt, ownerExt, periodExt, plrAddress, plrIdentifier, plrTelecom } from './extensions.js';
import type { FacilityPlan } from './facility-plan.js';
import type { RelationshipIds } from './ids.js';
import type { OrgPlan } from './org-plan.js';
import type { PractitionerPlan } from './practitioner-plan.js';

const fullName = (p: PractitionerPlan): string => `${p.role.doctor ? 'Dr. ' : ''}${p.given.join(' ')} ${p.family}`;

function names(p: PractitionerPlan, since: string, referenceDay: number): fhir.HumanName[] {
  const current: fhir.HumanName = { extension: [ownerExt('MOH')], use: 'official', family: p.family, given: [...p.given], period: { start: since } };
  if (p.role.doctor) current.prefix = ['Dr.'];
  if (!p.formerFamily) return [current];
  const changed = isoDate(p.since + 30 + ((p.index * 97) % Math.max(1, referenceDay - p.since - 60)));
  current.period = { start: changed };
  return [current, { extension: [ownerExt('MOH'), endReasonExt('CHG')], use: 'official', family: p.formerFamily, given: [...p.given], period: { start: since, end: changed } }];
}

function practitionerResource(p: PractitionerPlan, workplace: OrgPlan, referenceDay: number): fhir.Practitioner {
  const since = isoDate(p.since);
  const licenceSystem = p.role.license ? PLR_SYS.license(p.role.license) : PLR_SYS.officeAssistant;
  const identifier = [plrIdentifier(PLR_SYS.ipc, p.ipc, since, 'MOH'), plrIdentifier(PLR_SYS.cpn, p.cpn, since, 'MOH'), plrIdentifier(licenceSystem, p.licence, since, p.role.owner)];
  if (p.mpid) identifier.push(plrIdentifier(PLR_SYS.mpid, p.mpid, since, 'MOH'));
  const extension = [periodExt(since), licenseStatusExt(p.status.status, p.status.reason, 'LIC', since)];
  if (p.assignedEntityStatus) extension.push(licenseStatusExt('ACTIVE', 'PRAC', 'AE', since));
  const telecom = [plrTelecom('phone', workplace.phone, since, 'BC'), plrTelecom('fax', workplace.fax, since, 'BC')];
  if (p.email) telecom.push(plrTelecom('email', p.email, since, 'BC'));
  const address = [plrAddress(workplace.line, workplace.locality.city, workplace.postalCode, since, 'BC')];
  if (p.formerWorkplace) address.push(plrAddress(`${100 + (p.index % 9000)} MAIN ST`, workplace.locality.city, workplace.postalCode, since, 'BC', isoDate(p.formerWorkplace.end)));
  const credentialYear = isoDate(p.since - 200);
  return {
    resourceType: 'Practitioner',
    id: p.ipc,
    meta: testMeta(PLR_PROFILE.practitioner),
    text: fieldsNarrative(fullName(p), [
      ['IPC', p.ipc], ['CPN', p.cpn], ['Role', `${p.role.display} (${p.role.code})`], ['Licence', p.licence], ['MSP practitioner number', p.mpid],
      ['Status', `${p.status.status} / ${p.status.reason}`], ['Expertise', p.expertise.map((e) => e[1]).join(', ')], ['Works at', workplace.name],
      ['Former surname', p.formerFamily],
    ]),
    contained: [{
      resourceType: 'Organization',
      id: 'grantingInstitution',
      // A contained resource may not carry security labels (dom-5); the container's HTEST label covers it.
      meta: { profile: [PLR_PROFILE.organization] },
      name: p.institution.name,
      address: [p.institution.state ? { city: p.institution.city.toUpperCase(), state: p.institution.state, country: p.institution.country } : { city: p.institution.city.toUpperCase(), country: p.institution.country }],
    }],
    extension,
    identifier,
    active: p.status.goodStanding,
    name: names(p, since, referenceDay),
    telecom,
    address,
    gender: p.sex,
    birthDate: isoDate(p.birthDay),
    qualification: [{
      extension: [{
        url: PLR_EXT.qualification,
        extension: [
          { url: 'designation', valueString: p.role.credential[1] },
          { url: 'registrationNumber', valueString: p.licence },
          { url: 'issuedDate', valueDateTime: credentialYear },
        ],
      }],
      code: coding(PLR_SYS.credential, p.role.credential[0], p.role.credential[1]),
      period: { start: credentialYear },
      issuer: { reference: '#grantingInstitution', display: p.institution.name },
    }],
    communication: p.languages.map(([code, display]) => ({ extension: [periodExt(since)], coding: [{ system: PLR_SYS.language, code, display }], text: display })),
  };
}

function roleResource(p: PractitionerPlan): fhir.PractitionerRole {
  const since = isoDate(p.since);
  const system = p.role.codeSystem === 'scptype' ? PLR_SYS.scptype : PLR_SYS.role;
  return {
    resourceType: 'PractitionerRole',
    id: p.ipc,
    meta: testMeta(PLR_PROFILE.practitionerRole),
    text: fieldsNarrative(`${p.role.display}: ${p.given.join(' ')} ${p.family}`, [['IPC', p.ipc], ['Role', p.role.code], ['Expertise', p.expertise.map((e) => `${e[1]} (${e[0]})`).join(', ')]]),
    active: p.status.goodStanding,
    period: { start: since },
    practitioner: identifierRef(PLR_SYS.ipc, p.ipc, since),
    code: [coding(system, p.role.code, p.role.display)],
    specialty: p.expertise.map(([code, display]) => ({ extension: [periodExt(since), ownerExt(p.role.owner)], coding: [{ system: PLR_SYS.expertise, code, display }], text: display })),
  };
}

export interface RelationshipTarget { org?: OrgPlan; facility?: FacilityPlan }

function relationship(ids: RelationshipIds, p: PractitionerPlan, target: RelationshipTarget, type: string, start: string, end?: string): fhir.PractitionerRole {
  const id = ids.next();
  const ext: fhir.Extension[] = target.org
    ? [{ url: PLR_EXT.relationshipType, valueCodeableConcept: coding(PLR_SYS.relationshipType, type) }]
    : [{ url: PLR_EXT.locationRelationshipType, valueCodeableConcept: coding(PLR_SYS.locationRelationshipType, type) }];
  if (end) ext.push(endReasonExt('CEASE'));
  const role: fhir.PractitionerRole = {
    resourceType: 'PractitionerRole',
    id,
    meta: testMeta(PLR_PROFILE.roleRelationships),
    text: fieldsNarrative(`Relationship ${id}`, [
      ['Practitioner', p.ipc],
      ['Relationship', type],
      ['Organization', target.org ? `${target.org.name} (${target.org.ipc})` : undefined],
      ['Facility', target.facility ? `${target.facility.name} (${target.facility.ifc})` : undefined],
      ['Ended', end],
    ]),
    extension: ext,
    active: end === undefined,
    period: end ? { start, end } : { start },
    practitioner: identifierRef(PLR_SYS.ipc, p.ipc, start),
  };
  if (target.org) role.organization = identifierRef(PLR_SYS.ipc, target.org.ipc, start);
  if (target.facility) role.location = [identifierRef(PLR_SYS.ifc, target.facility.ifc, start)];
  return role;
}

/** One relationship a provider will have, in the order buildProvider gives them RELN ids. */
export interface PlannedRelationship {
  target: RelationshipTarget;
  type: string;
  /** Day the relationship ended, for a former workplace. */
  end?: number;
}

/** The provider's relationships, from its plan alone: per workplace the organization then its facility, then a former one. */
export function plannedRelationships(p: PractitionerPlan, orgs: readonly OrgPlan[], facilities: readonly FacilityPlan[]): PlannedRelationship[] {
  const out: PlannedRelationship[] = [];
  p.workplaces.forEach((orgIndex, i) => {
    const org = orgs[orgIndex] as OrgPlan;
    out.push({ target: { org }, type: p.role.doctor ? (i === 0 && p.index % 20 === 7 ? 'LOC' : 'WORKSAT') : 'EE' });
    const facility = org.facility !== undefined ? facilities[org.facility] : undefined;
    if (facility) out.push({ target: { facility }, type: 'LOCATED' });
  });
  if (p.formerWorkplace) out.push({ target: { org: orgs[p.formerWorkplace.org] as OrgPlan }, type: p.role.doctor ? 'WORKSAT' : 'EE', end: p.formerWorkplace.end });
  return out;
}

/** The registry id at the far end of a planned relationship (organization IPC or facility IFC). */
export const plannedTargetId = (r: PlannedRelationship): string => (r.target.org ? r.target.org.ipc : r.target.facility!.ifc);

/** Practitioner query attributes a plan determines, by query parameter name (values as rendered, any period). */
export type PlannedAttributes = Record<'gender' | 'role' | 'status' | 'status-reason' | 'expertise' | 'communication' | 'address-city' | 'given', string[]>;

/** The identifier values, surnames (current and former) and query attributes a rendered provider carries, from its plan alone. */
export function plannedSearchKeys(p: PractitionerPlan, orgs: readonly OrgPlan[]): { identifiers: string[]; families: string[]; attributes: PlannedAttributes } {
  const identifiers = [p.ipc, p.cpn, p.licence];
  if (p.mpid) identifiers.push(p.mpid);
  const workplace = orgs[p.workplaces[0] ?? 0] as OrgPlan;
  const attributes: PlannedAttributes = {
    gender: [p.sex],
    role: [p.role.code],
    // The licence status, and the assigned-entity status practitionerResource adds (ACTIVE / PRAC).
    status: p.assignedEntityStatus ? [p.status.status, 'ACTIVE'] : [p.status.status],
    'status-reason': p.assignedEntityStatus ? [p.status.reason, 'PRAC'] : [p.status.reason],
    expertise: p.expertise.map((e) => e[0]),
    communication: p.languages.map((l) => l[0]),
    'address-city': [workplace.locality.city],
    given: [...p.given],
  };
  return { identifiers, families: p.formerFamily ? [p.family, p.formerFamily] : [p.family], attributes };
}

/** The provider: Practitioner, its role PractitionerRole, then relationships (organizations, facilities, ended ones). */
export function buildProvider(p: PractitionerPlan, orgs: readonly OrgPlan[], facilities: readonly FacilityPlan[], ids: RelationshipIds, referenceDay: number): PlrProvider {
  const workplace = orgs[p.workplaces[0] ?? 0] as OrgPlan;
  const since = isoDate(p.since);
  const roles = [roleResource(p)];
  for (const r of plannedRelationships(p, orgs, facilities)) roles.push(relationship(ids, p, r.target, r.type, since, r.end === undefined ? undefined : isoDate(r.end)));
  return { ipc: p.ipc, cpn: p.cpn, practitioner: practitionerResource(p, workplace, referenceDay), roles };
}
