// PLR organizations (bc-organization) and their affiliations to facilities and other organizations.
import type * as fhir from '../../fhir/types.js';
import { PLR_EXT, PLR_PROFILE, PLR_SYS } from '../data/plr/systems.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import type { Rng } from '../random/rng.js';
import { isoDate } from '../time/calendar.js';
import type { PlrOrganization } from '../types.js';
import { coding, endReasonExt, identifierRef, licenseStatusExt, periodExt, plrAddress, plrIdentifier, plrTelecom } from './extensions.js';
import type { FacilityPlan } from './facility-plan.js';
import type { RelationshipIds } from './ids.js';
import type { OrgPlan } from './org-plan.js';

const ROLE_DISPLAY = { HDS: 'Healthcare Delivery Site', CLINIC: 'Clinic', BUSINESS: 'Corporation', ORG: 'Organization' } as const;

function affiliation(ids: RelationshipIds, org: OrgPlan, start: string, code: fhir.CodeableConcept, target: { facility?: FacilityPlan; partner?: OrgPlan }, end?: string): fhir.OrganizationAffiliation {
  const id = ids.next();
  const aff: fhir.OrganizationAffiliation = {
    resourceType: 'OrganizationAffiliation',
    id,
    meta: testMeta(PLR_PROFILE.organizationAffiliation),
    text: fieldsNarrative(`Affiliation ${id}`, [
      ['Organization', `${org.name} (${org.ipc})`],
      ['Relationship', code.coding?.[0]?.code],
      ['Facility', target.facility ? `${target.facility.name} (${target.facility.ifc})` : undefined],
      ['Organization affiliated', target.partner ? `${target.partner.name} (${target.partner.ipc})` : undefined],
      ['Ended', end],
    ]),
    active: end === undefined,
    period: end ? { start, end } : { start },
    organization: identifierRef(PLR_SYS.ipc, org.ipc, start),
    code: [code],
  };
  if (end) aff.extension = [endReasonExt('CEASE')];
  if (target.facility) aff.location = [identifierRef(PLR_SYS.ifc, target.facility.ifc, start)];
  if (target.partner) aff.participatingOrganization = identifierRef(PLR_SYS.ipc, target.partner.ipc, start);
  return aff;
}

function organizationResource(org: OrgPlan, referenceDay: number): fhir.Organization {
  const since = isoDate(org.since);
  const extension: fhir.Extension[] = [licenseStatusExt('ACTIVE', 'ORG', 'LIC', since)];
  if (org.def.hdsType) {
    extension.push({
      url: PLR_EXT.hdsTypeExt,
      extension: [
        { url: 'hdsType', valueCodeableConcept: coding(PLR_SYS.hdsType, org.def.hdsType) },
        { url: 'hdsSubType', valueCodeableConcept: coding(PLR_SYS.hdsSubtype, org.def.hdsSubtype ?? 'CMN') },
      ],
    });
  }
  if (org.kind === 'family-practice' || org.kind === 'walk-in') {
    extension.push({ url: PLR_EXT.payeeNumber, extension: [{ url: 'payeeNumber', valueString: String(10_000 + ((org.index * 7919) % 89_999)) }, periodExt(since)] });
  }
  const resource: fhir.Organization = {
    resourceType: 'Organization',
    id: org.ipc,
    meta: testMeta(PLR_PROFILE.organization),
    text: fieldsNarrative(org.name, [
      ['IPC', org.ipc],
      ['Type', `${org.def.type} (${ROLE_DISPLAY[org.def.type]})`],
      ['Service', org.service?.name ?? org.imaging?.map((s) => s.name).join(', ')],
      ['Address', `${org.line}, ${org.locality.city} BC ${org.postalCode}`],
      ['Former name', org.formerName],
    ]),
    extension,
    identifier: [plrIdentifier(PLR_SYS.ipc, org.ipc, since, 'MOH')],
    active: true,
    type: [coding(PLR_SYS.organizationRole, org.def.type, ROLE_DISPLAY[org.def.type])],
    name: org.name,
    telecom: [plrTelecom('phone', org.phone, since, 'BC'), plrTelecom('fax', org.fax, since, 'BC'), plrTelecom('email', org.email, since, 'BC')],
    address: [plrAddress(org.line, org.locality.city, org.postalCode, since, 'BC')],
  };
  if (org.def.type !== 'ORG' && org.index % 9 === 4 && org.since + 800 < referenceDay) {
    // About one in nine organizations moved once: the old address is kept, ended, for withHistory.
    const moved = isoDate(org.since + 400);
    const oldLine = `${100 + ((org.index * 31) % 9000)} MAIN ST`;
    resource.address = [
      plrAddress(org.line, org.locality.city, org.postalCode, moved, 'BC'),
      plrAddress(oldLine, org.locality.city, org.postalCode, since, 'BC', moved),
    ];
  }
  if (org.formerName && org.since + 800 < referenceDay) {
    const renamed = isoDate(org.since + 400 + ((org.index * 37) % Math.max(1, referenceDay - org.since - 800)));
    resource.alias = [org.formerName];
    resource._alias = [{ extension: [periodExt(since, renamed), endReasonExt('CHG')] }];
  }
  return resource;
}

/** The kinds of affiliation, by the coding each carries. */
const AFFILIATION_CODES: Record<'LOCATED' | 'MANAGEDBY' | 'OPERATED' | 'OPERATES', readonly [system: string, code: string, display: string]> = {
  LOCATED: [PLR_SYS.locationRelationshipType, 'LOCATED', 'Located at'],
  MANAGEDBY: [PLR_SYS.relationshipType, 'MANAGEDBY', 'Managed by the target'],
  OPERATED: [PLR_SYS.relationshipType, 'OPERATED', 'Operated by the target.'],
  OPERATES: [PLR_SYS.relationshipType, 'OPERATES', 'Operates the target.'],
};

/** One affiliation of an organization, before it is rendered (and numbered). */
export interface AffiliationPlan {
  kind: keyof typeof AFFILIATION_CODES;
  start: string;
  target: { facility?: FacilityPlan; partner?: OrgPlan };
  end?: string;
}

/**
 * An organization's affiliations: site (LOCATED), managing health authority (MANAGEDBY), operating business
 * (OPERATED), the facilities a health authority operates, a clinic's former site. Cheap, so the population counts
 * relationships from them without rendering an organization.
 */
export function planAffiliations(rng: Rng, org: OrgPlan, orgs: readonly OrgPlan[], facilities: readonly FacilityPlan[], referenceDay: number): AffiliationPlan[] {
  const since = isoDate(org.since);
  const plans: AffiliationPlan[] = [];
  const facility = org.facility !== undefined ? facilities[org.facility] : undefined;
  if (facility) plans.push({ kind: 'LOCATED', start: since, target: { facility } });
  const manager = org.managedBy !== undefined ? orgs[org.managedBy] : undefined;
  if (manager) plans.push({ kind: 'MANAGEDBY', start: since, target: { partner: manager } });
  const operator = org.operatedBy !== undefined ? orgs[org.operatedBy] : undefined;
  if (operator) plans.push({ kind: 'OPERATED', start: since, target: { partner: operator } });
  if (org.kind === 'health-authority') {
    for (const f of facilities) {
      if (f.operator === org.index) plans.push({ kind: 'OPERATES', start: isoDate(f.since), target: { facility: f } });
    }
  }
  if (facility && org.def.type === 'CLINIC' && rng.chance(0.1) && facilities.length > 1) {
    const old = facilities[rng.int(0, facilities.length - 1)] as FacilityPlan;
    const moved = isoDate(Math.max(org.since + 30, Math.min(referenceDay - 30, org.since + 1000)));
    if (old.index !== facility.index) plans.push({ kind: 'LOCATED', start: since, target: { facility: old }, end: moved });
  }
  return plans;
}

/** Organization + its planned affiliations, numbered from `ids` in order. */
export function buildOrganization(org: OrgPlan, affiliations: readonly AffiliationPlan[], ids: RelationshipIds, referenceDay: number): PlrOrganization {
  return {
    ipc: org.ipc,
    organization: organizationResource(org, referenceDay),
    affiliations: affiliations.map((a) => affiliation(ids, org, a.start, coding(...AFFILIATION_CODES[a.kind]), a.target, a.end)),
  };
}
