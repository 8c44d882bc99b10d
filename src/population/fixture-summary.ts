// A readable summary of the named fixtures (what seed/fixtures.json holds and seed/README.md describes).
import { providerByIpc } from './provider-by-ipc.js';
import type { Population } from './types.js';

export interface FixtureSummary {
  referenceDate: string;
  named: Population['fixtures'];
  patients: { role: string; phn: string; status: string; name: string; birthDate?: string; city?: string; note?: string }[];
  practitioners: { role: string; ipc: string; cpn: string; name: string; roleCode: string }[];
  organizations: { role: string; ipc: string; name: string; ifc?: string; siteNum?: string }[];
  /** The fixture listing; only its fixture practitioners are listed (generated radiologists vary by seed). */
  imagingListing?: { ref: string; title: string; siteNum: string; fixturePractitionerIpcs: string[] };
}

/** Summarizes the fixtures of `population` (identical for every seed at a given reference date). */
export function summarizeFixtures(population: Population): FixtureSummary {
  const f = population.fixtures;
  const rows: [string, string, string?][] = [
    ['ordinary patient with a full chart', f.ordinaryPatientPhn],
    ['merged (non-survivor)', f.mergedPhn, `replaced by ${f.survivorPhn}`],
    ['survivor of the merge', f.survivorPhn],
    ['deceased', f.deceasedPhn],
    ['confidential (masked by HCIM)', f.confidentialPhn],
    ['newborn', f.newbornPhn, `mother ${f.motherPhn}`],
    ['mother of the newborn', f.motherPhn],
    ['duplicate pair: original', f.duplicatePair[0]],
    ['duplicate pair: variant', f.duplicatePair[1], 'same person, registered under a nickname'],
  ];
  const patients = rows.map(([role, phn, note]) => {
    const record = population.clientByPhn(phn);
    const name = record?.patient.name?.[0];
    const row: FixtureSummary['patients'][number] = { role, phn, status: record?.status ?? 'missing', name: name ? `${name.given?.join(' ')} ${name.family}` : '' };
    if (record?.patient.birthDate) row.birthDate = record.patient.birthDate;
    if (record?.patient.address?.[0]?.city) row.city = record.patient.address[0].city;
    if (note) row.note = note;
    return row;
  });
  const practitionerRoles: [string, string | undefined][] = [
    ['family physician (sends referrals)', f.familyPhysicianIpc],
    ['multi-role practitioner: nurse record', f.multiRolePractitionerIpcs?.[0]],
    ['multi-role practitioner: midwife record', f.multiRolePractitionerIpcs?.[1]],
    ['radiologist (receives imaging referrals)', f.radiologistIpc],
  ];
  const practitioners = practitionerRoles.flatMap(([role, ipc]) => {
    const provider = ipc === undefined ? undefined : providerByIpc(population, ipc);
    if (!provider) return [];
    const name = provider.practitioner.name?.[0];
    const fullName = `${name?.prefix?.join(' ') ?? ''} ${name?.given?.join(' ')} ${name?.family}`.trim();
    return [{ role, ipc: provider.ipc, cpn: provider.cpn, name: fullName, roleCode: provider.roles[0]?.code?.[0]?.coding?.[0]?.code ?? '' }];
  });
  const orgRows: [string, string | undefined, string | undefined, string | undefined][] = [
    ['family practice clinic (Ocean sender site)', f.familyClinicIpc, f.familyClinicIfc, f.familyClinicSiteNum],
    ['imaging centre (Ocean receiver site)', f.imagingOrganizationIpc, f.imagingFacilityIfc, f.imagingSiteNum],
  ];
  const organizations = orgRows.flatMap(([role, ipc, ifc, siteNum]) => {
    const org = population.organizations().find((o) => o.ipc === ipc);
    return org ? [{ role, ipc: org.ipc, name: org.organization.name ?? '', ...(ifc ? { ifc } : {}), ...(siteNum ? { siteNum } : {}) }] : [];
  });
  const listing = population.oceanListings().find((l) => l.ref === f.imagingListingRef);
  const summary: FixtureSummary = { referenceDate: population.options.referenceDate, named: f, patients, practitioners, organizations };
  if (listing) {
    const fixturePractitionerIpcs = listing.practitionerIpcs.filter((ipc) => practitioners.some((p) => p.ipc === ipc));
    summary.imagingListing = { ref: listing.ref, title: listing.title, siteNum: listing.siteNum, fixturePractitionerIpcs };
  }
  return summary;
}
