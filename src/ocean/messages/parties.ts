// The people and places of a referral in Ocean's shapes: requester role + practitioner, listing role, locations.
import { providerByIpc } from '../../population/index.js';
import type * as fhir from '../../fhir/types.js';
import type { PlrProvider } from '../../population/types.js';
import { FAMILY_PHYSICIAN, SYSTEMS, type PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { OceanListing, OceanSite } from '../model.js';
import { entry, refTo, type Entry } from './envelope.js';

const MD_TYPE: fhir.CodeableConcept = { coding: [{ system: SYSTEMS.v2_0203, code: 'MD', display: 'Medical License number' }] };

/** The identifier of a PLR practitioner in a given system, if the registry holds one. */
function plrIdentifier(provider: PlrProvider, system: string): string | undefined {
  return provider.practitioner.identifier?.find((i) => i.system === system)?.value;
}

function licenseIdentifier(provider: PlrProvider): fhir.Identifier {
  const value = plrIdentifier(provider, SYSTEMS.licensePhysician) ?? provider.cpn;
  return { use: 'official', type: MD_TYPE, system: SYSTEMS.licensePhysician, value };
}

/** The Ocean username Ocean sends for a practitioner: derived from their name, as `dkavanagh`. */
export function oceanUsername(provider: PlrProvider): string {
  const n = provider.practitioner.name?.[0];
  const first = (n?.given?.[0] ?? '').charAt(0);
  return `${first}${n?.family ?? provider.ipc}`.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function workTelecom(t: fhir.ContactPoint[] | undefined): fhir.ContactPoint[] | undefined {
  const list = (t ?? []).filter((c) => c.system === 'phone' || c.system === 'fax' || c.system === 'email').map((c) => ({ system: c.system, value: c.value, use: 'work' as const }));
  return list.length ? list : undefined;
}

/** Location entry from a PLR facility (address, telecom) with an optional map position. */
export function locationEntry(version: PayloadVersion, facility: fhir.Location | undefined, position?: { latitude: number; longitude: number }): Entry<fhir.Location> {
  const address = facility?.address;
  const location: fhir.Location = { resourceType: 'Location', status: 'active', mode: 'instance' };
  const telecom = workTelecom(facility?.telecom);
  if (telecom) location.telecom = telecom;
  if (address) location.address = { use: 'work', type: 'physical', line: address.line, city: address.city, state: address.state, postalCode: address.postalCode };
  if (position) location.position = { longitude: position.longitude, latitude: position.latitude };
  return entry(location, version);
}

/** Practitioner entry: licence, MSP number and Ocean username identifiers; name, telecom, address. */
export function practitionerEntry(ctx: OceanContext, version: PayloadVersion, provider: PlrProvider): Entry<fhir.Practitioner> {
  const p = provider.practitioner;
  const identifier: fhir.Identifier[] = [licenseIdentifier(provider)];
  const billing = plrIdentifier(provider, SYSTEMS.billingId);
  if (billing) identifier.push({ system: SYSTEMS.billingId, value: billing });
  identifier.push({ system: ctx.namingSystem('id-practitioner-username'), value: oceanUsername(provider) });
  const name = p.name?.[0];
  const practitioner: fhir.Practitioner = {
    resourceType: 'Practitioner',
    identifier,
    active: true,
    name: [{ family: name?.family, given: name?.given }],
  };
  const telecom = workTelecom(p.telecom);
  if (telecom) practitioner.telecom = telecom;
  const address = p.address?.[0];
  if (address) practitioner.address = [{ use: 'work', type: 'both', line: address.line, city: address.city, state: address.state, postalCode: address.postalCode }];
  return entry(practitioner, version);
}

/** The requester's PractitionerRole: licence, Family Physician (SNOMED and SNOMED CA), location, telecom. */
export function requesterRoleEntry(version: PayloadVersion, provider: PlrProvider, practitioner: Entry, location: Entry): Entry<fhir.PractitionerRole> {
  const role: fhir.PractitionerRole = {
    resourceType: 'PractitionerRole',
    identifier: [licenseIdentifier(provider)],
    active: true,
    practitioner: refTo(practitioner),
    code: [
      { coding: [{ system: SYSTEMS.snomed, ...FAMILY_PHYSICIAN }] },
      { coding: [{ system: SYSTEMS.snomedCa, ...FAMILY_PHYSICIAN }] },
    ],
    location: [refTo(location)],
  };
  const telecom = workTelecom(provider.practitioner.telecom);
  if (telecom) role.telecom = telecom;
  return entry(role, version);
}

/** The receiving listing as a PractitionerRole: listing ref and site number, specialty, location. */
export function listingRoleEntry(ctx: OceanContext, version: PayloadVersion, listing: OceanListing, location: Entry): Entry<fhir.PractitionerRole> {
  const identifier: fhir.Identifier[] = [
    { system: ctx.namingSystem('id-referral-target-reference'), value: listing.ref },
    { system: ctx.namingSystem('id-site-number'), value: listing.siteNum },
  ];
  if (version === 'v0.10' && listing.externalServiceId) identifier.push({ system: ctx.namingSystem('id-referral-target-external-service'), value: listing.externalServiceId });
  return entry(
    { resourceType: 'PractitionerRole', identifier, active: true, specialty: [{ coding: [{ ...listing.specialty }] }], location: [refTo(location)] },
    version,
  );
}

/** Looks up what a referral's parties are in the population (provider, facilities). */
export function lookupParties(ctx: OceanContext, site: OceanSite, listing: OceanListing, requesterIpc: string) {
  const pop = ctx.deps.population;
  const provider = providerByIpc(pop, requesterIpc);
  const facility = (ifc: string) => pop.facilities().find((f) => f.ifc === ifc)?.location;
  return { provider, senderFacility: facility(site.facilityIfc), listingFacility: facility(listing.facilityIfc) };
}
