// Builds the PLR population as plans; organizations, facilities and practitioners are rendered when first asked for.
import type { FamilyDoctor, PrimaryCare } from '../client/client-factory.js';
import { createRng, STREAM, type Rng } from '../random/rng.js';
import type { PlrFacility, PlrOrganization, PlrProvider, PopulationSizes } from '../types.js';
import { planFacilities, type FacilityPlan } from './facility-plan.js';
import { createRelationshipIds } from './ids.js';
import { buildLocation } from './locations.js';
import { buildOrganization, planAffiliations } from './organizations.js';
import { planOrganizations, type OrgPlan } from './org-plan.js';
import { PRACTITIONER_FIXTURE } from './practitioner-fixtures.js';
import { planPractitioners, type PractitionerPlan } from './practitioner-plan.js';
import { createPractitionerSource, type PractitionerSource } from './practitioner-source.js';

export interface PlrPopulation {
  providers: PlrProvider[];
  organizations: PlrOrganization[];
  facilities: PlrFacility[];
  orgPlans: OrgPlan[];
  facilityPlans: FacilityPlan[];
  practitionerPlans: PractitionerPlan[];
  /** The practitioners as plans, rendered one at a time on demand. */
  practitionerSource: PractitionerSource;
  primaryCare: PrimaryCare;
  /** Relationship PractitionerRoles the practitioners will have once rendered (counted from the plans). */
  practitionerRelationships: number;
  /** OrganizationAffiliations the organizations will have once rendered (counted from the plans). */
  affiliationCount: number;
  /**
   * Renders the organizations and facilities not rendered yet, pausing after every `every` of them, so a caller can
   * spread the work (~30 ms at once, 40-60 ms on a busy machine) over turns of the event loop.
   */
  renderSteps(every: number): Generator<void, void>;
}

function primaryCare(plans: readonly PractitionerPlan[], orgs: readonly OrgPlan[], facilities: readonly FacilityPlan[]): PrimaryCare {
  const byHa = new Map<number, FamilyDoctor[]>();
  const all: FamilyDoctor[] = [];
  let fixture: FamilyDoctor | undefined;
  for (const p of plans) {
    if (p.role.key !== 'md-family' || !p.status.goodStanding) continue;
    const org = orgs[p.workplaces[0] ?? -1];
    const facility = org?.facility !== undefined ? facilities[org.facility] : undefined;
    if (!org || !facility) continue;
    const doctor: FamilyDoctor = { ipc: p.ipc, ifc: facility.ifc, name: `Dr. ${p.given[0]} ${p.family}` };
    if (p.index === PRACTITIONER_FIXTURE.familyPhysician) fixture = doctor;
    all.push(doctor);
    const ha = org.locality.healthAuthority.code;
    byHa.set(ha, [...(byHa.get(ha) ?? []), doctor]);
  }
  if (!fixture) throw new Error('The fixture family physician is missing from the PLR population');
  const fixed = fixture;
  return {
    fixture: fixed,
    pick: (rng: Rng, locality) => {
      const local = byHa.get(locality.healthAuthority.code) ?? all;
      return local.length > 0 ? rng.pick(local) : fixed;
    },
  };
}

/** Organizations, facilities and practitioners are planned from independent random streams, then rendered on first use. */
export function buildPlr(seed: number, sizes: PopulationSizes, referenceDay: number): PlrPopulation {
  const orgPlans = planOrganizations(createRng(seed, STREAM.plr, 0), sizes.organizations, referenceDay);
  const facilityPlans = planFacilities(createRng(seed, STREAM.plr, 1), sizes.facilities, orgPlans, referenceDay);
  const practitionerPlans = planPractitioners({
    rng: createRng(seed, STREAM.plr, 2),
    referenceDay,
    orgs: orgPlans,
    usedLicences: new Set(),
    usedMpids: new Set(),
    counters: new Map(),
  }, sizes.practitioners);
  // The affiliations are planned now (one random stream, in organization order) and numbered first, so the
  // organizations and facilities, rendered on first use, come out the same whenever that is.
  const orgRng = createRng(seed, STREAM.plr, 3);
  const affiliations = orgPlans.map((org) => planAffiliations(orgRng, org, orgPlans, facilityPlans, referenceDay));
  const affiliationCount = affiliations.reduce((n, a) => n + a.length, 0);
  // Rendered in plan order, one at a time: the organizations number their affiliations from one counter.
  const ids = createRelationshipIds();
  const organizations: PlrOrganization[] = [];
  const facilities: PlrFacility[] = [];
  const renderOrganization = () => organizations.push(buildOrganization(orgPlans[organizations.length]!, affiliations[organizations.length]!, ids, referenceDay));
  const renderFacility = () => {
    const f = facilityPlans[facilities.length]!;
    facilities.push(buildLocation(f, orgPlans[f.operator], referenceDay));
  };
  // Practitioners are rendered on first use (the bulk of the work; Ocean and the clients need only the plans);
  // their relationship ids follow the organizations', fixed by plan order, so they come out the same whenever.
  const practitionerSource = createPractitionerSource(practitionerPlans, orgPlans, facilityPlans, affiliationCount, referenceDay);
  let providers: PlrProvider[] | undefined;
  return {
    get providers() {
      return (providers ??= practitionerPlans.map((_, i) => practitionerSource.render(i)));
    },
    practitionerSource,
    get organizations() {
      while (organizations.length < orgPlans.length) renderOrganization();
      return organizations;
    },
    get facilities() {
      while (facilities.length < facilityPlans.length) renderFacility();
      return facilities;
    },
    *renderSteps(every) {
      for (let n = 1; organizations.length < orgPlans.length; n++) {
        renderOrganization();
        if (n % every === 0) yield;
      }
      for (let n = 1; facilities.length < facilityPlans.length; n++) {
        renderFacility();
        if (n % every === 0) yield;
      }
    },
    affiliationCount,
    orgPlans,
    facilityPlans,
    practitionerPlans,
    primaryCare: primaryCare(practitionerPlans, orgPlans, facilityPlans),
    // As buildProvider renders them: per workplace one to the organization and one to its facility, plus a former one.
    practitionerRelationships: practitionerPlans.reduce(
      (n, p) => n + p.workplaces.reduce((k, o) => k + 1 + (orgPlans[o]?.facility !== undefined && facilityPlans[orgPlans[o]!.facility!] ? 1 : 0), 0) + (p.formerWorkplace ? 1 : 0),
      0,
    ),
  };
}
