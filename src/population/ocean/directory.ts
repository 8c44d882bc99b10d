// Ocean's directory: sites (tenants) and Healthmap listings, each tied to PLR organizations, facilities, practitioners.
import { COMMUNITY_SERVICES, type ServiceDef } from '../data/plr/org-kinds.js';
import type { PlrPopulation } from '../plr/build-plr.js';
import { ORG_FIXTURE, type OrgPlan } from '../plr/org-plan.js';
import type { PractitionerPlan } from '../plr/practitioner-plan.js';
import { createRng, STREAM, type Rng } from '../random/rng.js';
import type { OceanListingSeed, OceanSiteSeed } from '../types.js';

/** The fixture imaging listing (Broadway Medical Imaging - MRI). */
export const FIXTURE_IMAGING_LISTING_REF = 'broadway_medical_ima-7310042';

/** Ocean site number of an organization (index-based, so fixture site numbers never change). */
export const siteNumberOf = (orgIndex: number): string => String(1000 + orgIndex);

/** Ocean-style listing slug: the first 20 characters of the title, lower case, non-alphanumerics as "_". */
export function listingSlug(title: string): string {
  return title.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '_').slice(0, 20);
}

export interface OceanDirectory {
  sites: OceanSiteSeed[];
  listings: OceanListingSeed[];
}

function isSite(rng: Rng, org: OrgPlan): boolean {
  if (org.facility === undefined) return false;
  if (org.index === ORG_FIXTURE.familyClinic || org.index === ORG_FIXTURE.imaging) return true;
  if (org.def.listing === 'diagnostic-imaging') return true;
  if (org.def.listing) return rng.chance(0.7);
  return org.def.oceanSender === true && rng.chance(0.4);
}

/** Sites for every imaging centre, most receivers and some senders; listings for each receiver. See docs/ocean.md#sites-and-listings. */
export function buildOceanDirectory(seed: number, plr: PlrPopulation): OceanDirectory {
  const rng = createRng(seed, STREAM.ocean, 0);
  const sites: OceanSiteSeed[] = [];
  const listings: OceanListingSeed[] = [];
  const usedRefs = new Set<string>([FIXTURE_IMAGING_LISTING_REF]);
  // Each organization's practitioners in good standing, in plan order (one pass, not one scan per organization).
  const byOrg = new Map<number, PractitionerPlan[]>();
  for (const p of plr.practitionerPlans) {
    if (!p.status.goodStanding) continue;
    for (const o of new Set(p.workplaces)) {
      const list = byOrg.get(o);
      if (list) list.push(p);
      else byOrg.set(o, [p]);
    }
  }
  const staffOf = (org: OrgPlan, roleKeys: readonly string[]): string[] => {
    const staff = byOrg.get(org.index) ?? [];
    const fitting = staff.filter((p) => roleKeys.length === 0 || roleKeys.includes(p.role.key));
    const chosen = fitting.length > 0 ? fitting : plr.practitionerPlans.filter((p) => roleKeys.includes(p.role.key)).slice(0, 1);
    return (chosen.length > 0 ? chosen : plr.practitionerPlans.slice(0, 1)).map((p) => p.ipc);
  };
  for (const org of plr.orgPlans) {
    const fixture = org.index === ORG_FIXTURE.familyClinic || org.index === ORG_FIXTURE.imaging;
    const keyBytes = rng.bytes(32);
    const key = Buffer.from(fixture ? createRng(0, STREAM.fixture, org.index).bytes(32) : keyBytes).toString('base64');
    if (!isSite(rng, org) || org.facility === undefined) continue;
    const facility = plr.facilityPlans[org.facility];
    if (!facility) continue;
    const siteNum = siteNumberOf(org.index);
    sites.push({ siteNum, name: org.name, sharedEncryptionKey: key, organizationIpc: org.ipc, facilityIfc: facility.ifc });
    const kind = org.def.listing;
    if (!kind) continue;
    const services: ServiceDef[] = kind === 'diagnostic-imaging' ? org.imaging ?? [] : [org.service ?? (COMMUNITY_SERVICES[0] as ServiceDef)];
    const roleKeys = kind === 'diagnostic-imaging' ? ['md-radiologist'] : kind === 'specialist' ? ['md-specialist'] : org.service?.roles ?? [];
    const practitionerIpcs = staffOf(org, roleKeys);
    for (const service of services) {
      const title = kind === 'diagnostic-imaging' ? `${org.name} - ${service.name}` : org.name;
      let ref = org.index === ORG_FIXTURE.imaging && service.name === 'MRI' ? FIXTURE_IMAGING_LISTING_REF : '';
      while (ref === '' || (usedRefs.has(ref) && ref !== FIXTURE_IMAGING_LISTING_REF)) ref = `${listingSlug(title)}-${rng.int(1_000_000, 99_999_999)}`;
      usedRefs.add(ref);
      listings.push({
        ref,
        title,
        siteNum,
        kind,
        specialty: { system: 'http://snomed.info/sct', code: service.snomed[0], display: service.snomed[1] },
        organizationIpc: org.ipc,
        facilityIfc: facility.ifc,
        practitionerIpcs: [...practitionerIpcs],
        position: { latitude: facility.latitude, longitude: facility.longitude },
        city: facility.locality.city,
      });
    }
  }
  return { sites, listings };
}
