// HCIM identifier systems, OIDs, extension and code system URLs (https://bcgov.github.io/MOH-HCIM-FHIR/).

/** PHN identifier system. See: https://bcgov.github.io/MOH-HCIM-FHIR/identifiers.html */
export const PHN_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id';
export const PHN_ASSIGNER = 'MOH Client Registry - MOH_CRS';
/** Superseded PHN systems accepted on input. */
export const LEGACY_PHN_SYSTEMS: readonly string[] = ['http://hlth.gov.bc.ca/fhir/client/id-issuer/BC'];

/**
 * Source record identifier systems: `https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-<org>-<src>-source-patient-id`,
 * capturing the source's key (`fha-mt`). A source code of one part (or three) has a key of one part (or three).
 */
export const SRI_SYSTEM_PATTERN = /^https:\/\/health\.gov\.bc\.ca\/fhir\/NamingSystem\/ca-bc-([a-z0-9]+(?:-[a-z0-9]+)*)-source-patient-id$/;
/** Superseded SRI systems accepted on input. */
export const LEGACY_SRI_SYSTEMS: readonly string[] = [
  'http://hl7.org/fhir/bc-hcim/bc-sri',
  'http://hl7.org/fhir/bc-hcim/bc-ssri',
  'http://hl7.org/fhir/bc-hcim/bc-out-of-province-sri',
  'http://hlth.gov.bc.ca/fhir/client/id-issuer/SrcCode',
];

const SD = 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition';
export const EXT = {
  identifierStatus: `${SD}/bc-identifier-status-extension`,
  sourceId: `${SD}/bc-sourceId-extension`,
  mergeStatus: `${SD}/bc-merge-status-extension`,
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
} as const;

const CS = 'https://terminology.hlth.gov.bc.ca/ClientRegistry/CodeSystem';
export const CODE_SYSTEMS = {
  mergeStatus: `${CS}/bc-client-registry-merge-status-code-system`,
  outcome: `${CS}/bc-oo-codes`,
  events: `${CS}/bc-client-registry-patient-change-notification-events`,
  org: 'http://hlth.gov.bc.ca/fhir/client/bc-org',
  userId: 'http://hlth.gov.bc.ca/fhir/client/bc-userid',
} as const;

/** Profiles the responses claim. */
export const PROFILES = {
  searchResponse: 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-search-response-bundle',
  searchWithEligibility: 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-search-withEligibility-response-bundle',
  coverage: 'http://hl7.org/fhir/StructureDefinition/Coverage',
  patient: 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-patient',
  notification: 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-subscription-notification-bundle',
} as const;

/** HL7v3 OID roots `2.16.840.1.113883.3.51.1.1.x`. */
export const OID = {
  messageId: '2.16.840.1.113883.3.51.1.1.1',
  interactionId: '2.16.840.1.113883.3.51.1.1.2',
  organization: '2.16.840.1.113883.3.51.1.1.3',
  receiverDevice: '2.16.840.1.113883.3.51.1.1.4',
  senderDevice: '2.16.840.1.113883.3.51.1.1.5',
  sourceRecord: '2.16.840.1.113883.3.51.1.1.6',
  phn: '2.16.840.1.113883.3.51.1.1.6.1',
  alternateId: '2.16.840.1.113883.3.51.1.1.6.2',
  user: '2.16.840.1.113883.3.51.1.1.7',
} as const;

/** The registry's own source/organization code. */
export const HCIM_ORG = 'MOH_CRS';
