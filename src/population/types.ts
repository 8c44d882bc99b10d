// The contract between the synthetic population and the simulators that serve it.
import type * as fhir from '../fhir/types.js';
import type { PractitionerSource } from './plr/practitioner-source.js';

/** Sizes of a generated population. Defaults: 10,000 / 2,500 / 400 / 600. */
export interface PopulationSizes {
  patients: number;
  practitioners: number;
  organizations: number;
  facilities: number;
}

/** Everything that determines a population, byte for byte. */
export interface PopulationOptions {
  seed: number;
  /** ISO date (YYYY-MM-DD) that ages, dates and "latest" observations are computed from. */
  referenceDate: string;
  sizes: PopulationSizes;
}

/** HCIM's lifecycle states of a client record. */
export type ClientStatus = 'active' | 'deceased' | 'merged' | 'confidential';

/** One person as the Provincial Client Registry holds them. */
export interface ClientRecord {
  /** Position in the population, 0-based; stable for a given options tuple. */
  index: number;
  phn: string;
  status: ClientStatus;
  /** For `merged`: the survivor's PHN. */
  survivorPhn?: string;
  /** For newborns: the mother's PHN. */
  motherPhn?: string;
  /** FHIR R4 Patient, with the PHN identifier, names (use official/usual), addresses, telecom, HTEST label. */
  patient: fhir.Patient;
  /** Health authority of the home city (e.g. "Vancouver Coastal Health"). */
  healthAuthority: string;
  /**
   * Added: IPC of the client's family physician in the PLR population (Practitioner/<ipc>), when attached
   * (about 80%). Not part of the HCIM Patient; a POS serving $everything can include that Practitioner.
   */
  familyPhysicianIpc?: string;
}

/** The demographic elements of a client's Patient, as rendered in `ClientRecord.patient` (same values, same order). */
export type DemographicPatient = Pick<fhir.Patient, 'name' | 'telecom' | 'gender' | 'birthDate' | 'address'>;

/** What a match index reads of a client: its Patient's demographic elements and, for a newborn, the mother's PHN. */
export interface ClientDemographics {
  index: number;
  patient: DemographicPatient;
  motherPhn?: string;
}

/** A PLR entity in the registry's own FHIR shapes (ids IPC.nnnnnnnn.BC.PRS, IFC..., RELN.n.PRS). */
export interface PlrProvider {
  /** The IPC, also the Practitioner.id and the role PractitionerRole.id. */
  ipc: string;
  cpn: string;
  practitioner: fhir.Practitioner;
  /** The role PractitionerRole (profile bc-practitioner-role), then relationship PractitionerRoles (bc-role-relationships). */
  roles: fhir.PractitionerRole[];
}

export interface PlrOrganization {
  ipc: string;
  organization: fhir.Organization;
  affiliations: fhir.OrganizationAffiliation[];
}

export interface PlrFacility {
  ifc: string;
  location: fhir.Location;
}

/** An Ocean site (tenant). */
export interface OceanSiteSeed {
  siteNum: string;
  name: string;
  /** Base64 shared encryption key. */
  sharedEncryptionKey: string;
  /** PLR organization (IPC) and facility (IFC) the site is. */
  organizationIpc: string;
  facilityIfc: string;
}

/** A Healthmap directory listing that accepts referrals. */
export interface OceanListingSeed {
  /** `slug-digits`, the id-referral-target-reference value. */
  ref: string;
  title: string;
  siteNum: string;
  kind: 'diagnostic-imaging' | 'community-service' | 'specialist';
  /** SNOMED CT specialty/service coding. */
  specialty: fhir.Coding;
  organizationIpc: string;
  facilityIfc: string;
  practitionerIpcs: string[];
  position: { latitude: number; longitude: number };
  city: string;
}

/** Which generated records are the same person (injected duplicate variants). */
export interface AnswerKeyEntry {
  /** PHN of the original record. */
  originalPhn: string;
  /** PHN of the injected variant. */
  duplicatePhn: string;
  variant: 'typo' | 'nickname' | 'transposed-date' | 'moved-address' | 'hyphenated-surname' | 'changed-surname';
}

/** Stable, readable records used by the README, tests and scenarios by name. */
export interface NamedFixtures {
  ordinaryPatientPhn: string;
  mergedPhn: string;
  survivorPhn: string;
  deceasedPhn: string;
  confidentialPhn: string;
  newbornPhn: string;
  motherPhn: string;
  duplicatePair: [string, string];
  familyPhysicianIpc: string;
  imagingListingRef: string;
  multiRolePractitionerCpn: string;
  /**
   * Added (optional so hand-written test doubles need not set them; createPopulation always does):
   * the family physician's clinic (PLR organization IPC, facility IFC) and its Ocean site number.
   */
  familyClinicIpc?: string;
  familyClinicIfc?: string;
  familyClinicSiteNum?: string;
  /** Added (optional): the imaging centre behind imagingListingRef (organization, facility, Ocean site) and its radiologist. */
  imagingOrganizationIpc?: string;
  imagingFacilityIfc?: string;
  imagingSiteNum?: string;
  radiologistIpc?: string;
  /** Added (optional): the two Practitioner records (RN, RM) of the multi-role practitioner. */
  multiRolePractitionerIpcs?: [string, string];
}

/**
 * A deterministic population. Patients and charts are computed on demand from
 * (seed, referenceDate, index), so a million patients need not be held in memory.
 */
export interface Population {
  readonly options: PopulationOptions;
  readonly fixtures: NamedFixtures;
  client(index: number): ClientRecord;
  clientByPhn(phn: string): ClientRecord | undefined;
  clients(): Iterable<ClientRecord>;
  /**
   * Added (optional, for test doubles): client `index` reduced to what a match index reads, several times cheaper
   * than `client(index)` (no narrative, identifiers, meta, e-mail or family doctor rendered).
   */
  clientDemographics?(index: number): ClientDemographics;
  /** The chart resources `Patient/$everything` returns for this patient (Patient excluded). */
  chart(index: number): fhir.Resource[];
  providers(): readonly PlrProvider[];
  organizations(): readonly PlrOrganization[];
  facilities(): readonly PlrFacility[];
  /**
   * Added (optional, for test doubles): renders the organizations and facilities ahead of their first use, pausing
   * after every `every` of them, so a sliced build spreads the work over turns of the event loop.
   */
  renderPlrSteps?(every: number): Generator<void, void>;
  oceanSites(): readonly OceanSiteSeed[];
  oceanListings(): readonly OceanListingSeed[];
  answerKey(): readonly AnswerKeyEntry[];
  /**
   * Added (optional, for test doubles): the PLR record counts without rendering the practitioners
   * or organizations (relationships: practitioner relationships plus organization affiliations).
   */
  plrCounts?(): { practitioners: number; organizations: number; locations: number; relationships: number };
  /**
   * Added (optional, for test doubles): the practitioners as plans rendered one at a time, so the PLR registry
   * holds compact plans instead of every rendered provider.
   */
  plrPractitioners?(): PractitionerSource;
  /** Added (optional, for test doubles): one population provider by IPC, rendered on demand. */
  provider?(ipc: string): PlrProvider | undefined;
  /**
   * Added (optional, test doubles leave it out): set by createPopulation to its options, which regenerate this
   * very population anywhere (a worker thread indexes the patients from them without touching this one).
   */
  readonly generatedFrom?: PopulationOptions;
}
