// The named fixtures: stable ids that the README, tests and scenarios use by name (see seed/README.md).
import { FIXTURE_PHNS, fixtureIndex, type FixtureRole } from './client/fixture-patients.js';
import { FIXTURE_IMAGING_LISTING_REF, siteNumberOf } from './ocean/directory.js';
import { facilityIfc, organizationIpc, personCpn, practitionerIpc } from './plr/ids.js';
import { ORG_FIXTURE } from './plr/org-plan.js';
import { PRACTITIONER_FIXTURE } from './plr/practitioner-fixtures.js';
import type { NamedFixtures } from './types.js';

const phn = (role: FixtureRole): string => FIXTURE_PHNS[fixtureIndex(role)] as string;

/** Fixture ids are the same for every seed and reference date. */
export const NAMED_FIXTURES: Readonly<NamedFixtures> = Object.freeze({
  ordinaryPatientPhn: phn('ordinary'),
  mergedPhn: phn('merged'),
  survivorPhn: phn('survivor'),
  deceasedPhn: phn('deceased'),
  confidentialPhn: phn('confidential'),
  newbornPhn: phn('newborn'),
  motherPhn: phn('mother'),
  duplicatePair: [phn('duplicate-original'), phn('duplicate-variant')] as [string, string],
  familyPhysicianIpc: practitionerIpc(PRACTITIONER_FIXTURE.familyPhysician),
  imagingListingRef: FIXTURE_IMAGING_LISTING_REF,
  multiRolePractitionerCpn: personCpn(1),
  familyClinicIpc: organizationIpc(ORG_FIXTURE.familyClinic),
  familyClinicIfc: facilityIfc(0),
  familyClinicSiteNum: siteNumberOf(ORG_FIXTURE.familyClinic),
  imagingOrganizationIpc: organizationIpc(ORG_FIXTURE.imaging),
  imagingFacilityIfc: facilityIfc(1),
  imagingSiteNum: siteNumberOf(ORG_FIXTURE.imaging),
  radiologistIpc: practitionerIpc(PRACTITIONER_FIXTURE.radiologist),
  multiRolePractitionerIpcs: [practitionerIpc(PRACTITIONER_FIXTURE.nurse), practitionerIpc(PRACTITIONER_FIXTURE.midwife)] as [string, string],
});
