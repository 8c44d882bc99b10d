// Plans PLR organizations: health authorities, the fixture clinic and imaging centre, hospitals, then a weighted mix.
import { phoneNumber, postalCode, streetLine } from '../client/contact.js';
import { LOCALITY_TABLE, localityOfCity, type Locality } from '../data/geography.js';
import { HEALTH_AUTHORITIES, PROVINCIAL_AUTHORITIES } from '../data/health-areas.js';
import { PROVINCE_MIX } from '../data/name-mix.js';
import { COMMUNITY_SERVICES, IMAGING_SERVICES, ORG_KINDS, SPECIALTIES, type OrgKind, type OrgKindDef, type ServiceDef } from '../data/plr/org-kinds.js';
import { HOSPITALS } from '../data/plr/hospitals.js';
import { STREET_NAMES } from '../data/streets.js';
import { weightedTable, type Rng } from '../random/rng.js';
import { daysFromCivil } from '../time/calendar.js';
import { organizationIpc } from './ids.js';

export interface OrgPlan {
  index: number;
  ipc: string;
  kind: OrgKind;
  def: OrgKindDef;
  name: string;
  formerName?: string;
  locality: Locality;
  line: string;
  postalCode: string;
  phone: string;
  fax: string;
  email: string;
  /** Day the organization was registered. */
  since: number;
  /** Specialty or community service (specialist/community kinds). */
  service?: ServiceDef;
  /** Modalities (imaging kind). */
  imaging?: ServiceDef[];
  /** Index of the regional health authority organization for its locality. */
  healthAuthority: number;
  /** Index of the health authority that manages it (hospitals, CHCs, care homes). */
  managedBy?: number;
  /** Index of the BUSINESS organization that operates it. */
  operatedBy?: number;
  /** Index of its home facility (filled in by the facility plan). */
  facility?: number;
}

/** Indexes of the fixed organizations. */
export const ORG_FIXTURE = { familyClinic: 7, imaging: 8 } as const;
export const FIXED_ORGANIZATIONS = 9;

const KIND_TABLE = weightedTable(Object.values(ORG_KINDS).filter((d) => d.weight > 0), (d) => d.weight);

function slug(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '');
}

function fill(rng: Rng, template: string, locality: Locality, service?: ServiceDef): string {
  return template
    .replace('{place}', locality.chsa.name)
    .replace('{city}', locality.city)
    .replace('{street}', rng.pick(STREET_NAMES))
    .replace('{family}', rng.pick(rng.pickWeighted(PROVINCE_MIX).family))
    .replace('{service}', service?.name ?? 'Health');
}

function plan(rng: Rng, index: number, kind: OrgKind, name: string, locality: Locality, referenceDay: number): OrgPlan {
  return {
    index,
    ipc: organizationIpc(index),
    kind,
    def: ORG_KINDS[kind],
    name,
    locality,
    line: streetLine(rng, locality),
    postalCode: postalCode(rng, locality),
    phone: phoneNumber(rng, locality),
    fax: phoneNumber(rng, locality),
    email: `${slug(name).slice(0, 40)}@example.org`,
    since: referenceDay - rng.int(3 * 365, 50 * 365),
    healthAuthority: locality.healthAuthority.code - 1,
  };
}

function fixtures(rng: Rng, out: OrgPlan[], referenceDay: number): void {
  HEALTH_AUTHORITIES.forEach((ha) => out.push(plan(rng, out.length, 'health-authority', ha.orgName, localityOfCity(ha.hqCity), referenceDay)));
  PROVINCIAL_AUTHORITIES.forEach((pa) => out.push(plan(rng, out.length, 'health-authority', pa.name, localityOfCity(pa.hqCity), referenceDay)));
  const kits = LOCALITY_TABLE.items.find((l) => l.chsa.name === 'Kitsilano') as Locality;
  const clinic = plan(rng, out.length, 'family-practice', 'Kitsilano Family Practice', kits, referenceDay);
  Object.assign(clinic, { line: '2184 West Broadway', postalCode: 'V6K 2E1', phone: '604-555-0100', fax: '604-555-0101', since: daysFromCivil(2004, 3, 1) });
  out.push(clinic);
  const imaging = plan(rng, out.length, 'imaging', 'Broadway Medical Imaging', kits, referenceDay);
  const byName = (n: string): ServiceDef => IMAGING_SERVICES.find((s) => s.name === n) as ServiceDef;
  Object.assign(imaging, {
    line: '2680 West Broadway', postalCode: 'V6K 2G3', phone: '604-555-0110', fax: '604-555-0111',
    since: daysFromCivil(1998, 9, 15), imaging: [byName('MRI'), byName('Ultrasound'), byName('X-ray')],
  });
  out.push(imaging);
}

/** Plans `count` organizations (count >= FIXED_ORGANIZATIONS). */
export function planOrganizations(rng: Rng, count: number, referenceDay: number): OrgPlan[] {
  const out: OrgPlan[] = [];
  fixtures(rng, out, referenceDay);
  const hospitals = Math.min(HOSPITALS.length, Math.floor((count - FIXED_ORGANIZATIONS) * 0.1));
  for (let h = 0; h < hospitals; h++) {
    const [name, city, ha] = HOSPITALS[h] as readonly [string, string, number];
    const hospital = plan(rng, out.length, 'hospital', name, localityOfCity(city), referenceDay);
    hospital.managedBy = ha - 1;
    out.push(hospital);
  }
  const names = new Set(out.map((o) => o.name));
  const businesses: number[] = [];
  while (out.length < count) {
    const def = rng.pickWeighted(KIND_TABLE);
    const locality = rng.pickWeighted(LOCALITY_TABLE);
    const service = def.kind === 'specialist' ? rng.pick(SPECIALTIES) : def.kind === 'community' ? rng.pick(COMMUNITY_SERVICES) : undefined;
    let name = fill(rng, rng.pick(def.names), locality, service);
    if (names.has(name)) name = `${name} (${locality.city})`;
    for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    names.add(name);
    const org = plan(rng, out.length, def.kind, name, locality, referenceDay);
    if (service) org.service = service;
    if (def.kind === 'imaging') org.imaging = rng.sample(IMAGING_SERVICES, rng.int(2, 4));
    if (def.kind === 'chc' || def.kind === 'ltc' || (def.kind === 'lab' && rng.chance(0.5))) org.managedBy = org.healthAuthority;
    if (['family-practice', 'walk-in', 'pharmacy', 'imaging'].includes(def.kind) && businesses.length > 0 && rng.chance(0.3)) org.operatedBy = rng.pick(businesses);
    if (def.kind === 'business') businesses.push(org.index);
    if (rng.chance(0.08)) org.formerName = `${name.split(' ')[0]} ${rng.pick(['Health Services', 'Medical Group', 'Clinic'])}`;
    out.push(org);
  }
  return out;
}
