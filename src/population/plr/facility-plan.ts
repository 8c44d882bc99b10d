// Plans PLR facilities (Locations): one civic site per site-holding organization, then health authority sites.
import { phoneNumber, postalCode, streetLine } from '../client/contact.js';
import { LOCALITY_TABLE, type Locality } from '../data/geography.js';
import type { Rng } from '../random/rng.js';
import { facilityIfc } from './ids.js';
import { ORG_FIXTURE, type OrgPlan } from './org-plan.js';

export interface FacilityPlan {
  index: number;
  ifc: string;
  name: string;
  formerName?: string;
  locality: Locality;
  line: string;
  postalCode: string;
  phone: string;
  latitude: number;
  longitude: number;
  /** Organization that operates from it. */
  operator: number;
  since: number;
}

const FIXED_POSITIONS: Readonly<Record<number, [number, number]>> = {
  [ORG_FIXTURE.familyClinic]: [49.2641, -123.1605],
  [ORG_FIXTURE.imaging]: [49.2638, -123.1674],
};

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function site(rng: Rng, index: number, org: OrgPlan): FacilityPlan {
  const fixed = FIXED_POSITIONS[org.index];
  return {
    index,
    ifc: facilityIfc(index),
    name: org.name,
    formerName: org.formerName,
    locality: org.locality,
    line: org.line,
    postalCode: org.postalCode,
    phone: org.phone,
    latitude: fixed ? fixed[0] : clamp(Number(rng.normal(org.locality.latitude, 0.008).toFixed(5)), 48.3, 59.9),
    longitude: fixed ? fixed[1] : clamp(Number(rng.normal(org.locality.longitude, 0.012).toFixed(5)), -139, -114.1),
    operator: org.index,
    since: org.since,
  };
}

const HA_SITE_NAMES = ['{place} Health Unit', '{place} Mental Health and Substance Use Centre', '{place} Public Health Unit', '{place} Home and Community Care Office'];

/** Plans `count` facilities and sets each site-holding organization's home facility. */
export function planFacilities(rng: Rng, count: number, orgs: OrgPlan[], referenceDay: number): FacilityPlan[] {
  const out: FacilityPlan[] = [];
  const siteOrgs = orgs.filter((o) => o.def.hasSite);
  for (const org of siteOrgs) {
    if (out.length < count) {
      org.facility = out.length;
      out.push(site(rng, out.length, org));
    } else {
      const shared = out[org.index % out.length] as FacilityPlan;
      Object.assign(org, { facility: shared.index, locality: shared.locality, line: shared.line, postalCode: shared.postalCode });
    }
  }
  const names = new Set(out.map((f) => f.name));
  while (out.length < count) {
    const locality = rng.pickWeighted(LOCALITY_TABLE);
    let name = rng.pick(HA_SITE_NAMES).replace('{place}', locality.chsa.name);
    for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    names.add(name);
    out.push({
      index: out.length,
      ifc: facilityIfc(out.length),
      name,
      locality,
      line: streetLine(rng, locality, false),
      postalCode: postalCode(rng, locality),
      phone: phoneNumber(rng, locality),
      latitude: clamp(Number(rng.normal(locality.latitude, 0.008).toFixed(5)), 48.3, 59.9),
      longitude: clamp(Number(rng.normal(locality.longitude, 0.012).toFixed(5)), -139, -114.1),
      operator: locality.healthAuthority.code - 1,
      since: referenceDay - rng.int(3 * 365, 50 * 365),
    });
  }
  return out;
}
