// PLR's URLs: the FHIR base path, profiles, extensions, naming systems and code systems (https://bcgov.github.io/moh-plr-fhir/).
import { own } from '../validation/own.js';

/** The real base path below the `/plr` mount: `https://plresb.hlth.gov.bc.ca/HSA-web/fhir-rs/`. */
export const FHIR_PATH = '/HSA-web/fhir-rs';

/** Canonical base of the 1.0.0 IG (`fhir.ca-bc.provider`). */
export const IG_BASE = 'http://hlth.gov.bc.ca/fhir/provider';
export const profile = (id: string): string => `${IG_BASE}/StructureDefinition/${id}`;
export const extensionUrl = (id: string): string => `${IG_BASE}/StructureDefinition/${id}`;
export const operationDefinitionUrl = (id: string): string => `${IG_BASE}/OperationDefinition/${id}`;

/** Terminology base of the Ministry's code systems. */
export const TERMINOLOGY = 'https://terminology.hlth.gov.bc.ca/ProviderLocationRegistry/CodeSystem';
export const codeSystem = (id: string): string => `${TERMINOLOGY}/${id}`;

export const EXT = {
  period: extensionUrl('bc-period-extension'),
  endReason: extensionUrl('bc-end-reason-extension'),
  owner: extensionUrl('bc-owner-extension'),
  licenseStatus: extensionUrl('bc-license-status-extension'),
  relationship: extensionUrl('bc-practitioner-relationship-extension'),
  relationshipType: extensionUrl('bc-relationship-type-extension'),
  locationRelationshipType: extensionUrl('bc-location-relationship-type-extension'),
  serviceArea: extensionUrl('bc-facility-health-service-area-extension'),
  healthAuthority: extensionUrl('bc-facility-health-authority-extension'),
  hsda: extensionUrl('bc-facility-health-service-delivery-area-extension'),
  lha: extensionUrl('bc-facility-local-health-area-extension'),
  chsa: extensionUrl('bc-facility-community-health-area-extension'),
  pcn: extensionUrl('bc-facility-primary-care-network-extension'),
  physicalAddress: extensionUrl('bc-facility-physical-address-extension'),
  note: extensionUrl('bc-note-extension'),
  birthtime: extensionUrl('bc-birthtime-extension'),
} as const;

/** Naming systems (newest, 2025-07-14) with the short type codes PLR-TEST and PIDP use. */
export const NS = {
  ipc: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ipc',
  ifc: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ifc',
  cpn: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-common-party-number',
  orgId: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-org-id',
  mpid: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-ministry-practitioner-id',
} as const;

const INFOWAY = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-';
const HEALTH = 'https://health.gov.bc.ca/fhir/NamingSystem/';
const OLD = 'http://hlth.gov.bc.ca/fhir/provider/identifier-system/';

/** Identifier type code → naming system, for the older `identifier-type` query form. */
export const IDENTIFIER_TYPES: Readonly<Record<string, string>> = {
  IPC: NS.ipc,
  IFC: NS.ifc,
  CPN: NS.cpn,
  ORGID: NS.orgId,
  MPID: NS.mpid,
  CPSID: `${INFOWAY}physician`,
  RNID: `${INFOWAY}nurse`,
  PHID: `${INFOWAY}pharmacist`,
  DENID: `${INFOWAY}dentist`,
  RMID: `${INFOWAY}midwife`,
  CCID: `${INFOWAY}clinical-counsellor`,
  SWID: `${INFOWAY}social-worker`,
  PSYCHID: `${INFOWAY}psychologist`,
  OTID: `${INFOWAY}occupational-therapist`,
  OPTID: `${INFOWAY}optometrist`,
  CHIROID: `${INFOWAY}chiropractor`,
  PHYSIOID: `${INFOWAY}physical-therapist`,
  RMTID: `${INFOWAY}massage-therapist`,
  KNID: `${INFOWAY}kinesiologist`,
  PHTID: `${INFOWAY}pharmacy-technician`,
  COUNID: `${INFOWAY}psychotherapy-counsellor`,
  MFTID: `${INFOWAY}family-therapist`,
  RDID: `${INFOWAY}dietitian`,
  NDID: `${INFOWAY}naturopathic-physician`,
  RACID: `${INFOWAY}acupuncturist`,
  OOPID: `${HEALTH}ca-bc-out-of-province-provider`,
  MOAID: `${HEALTH}ca-bc-office-assistant`,
  AOMDID: `${HEALTH}ca-bc-ambulance-director`,
};

/** Superseded identifier systems (`.../identifier-system/IPC` ...) mapped to the current ones. */
const SUPERSEDED: ReadonlyMap<string, string> = new Map([
  [`${OLD}IPC`, NS.ipc],
  [`${OLD}IFC`, NS.ifc],
  [`${OLD}CPN`, NS.cpn],
  [`${OLD}ORGID`, NS.orgId],
  [`${OLD}CPSID`, `${INFOWAY}physician`],
  [`${OLD}RNID`, `${INFOWAY}nurse`],
]);

/** Hosts whose naming systems are https; an http spelling of them is accepted on input. */
const HTTPS_HOSTS = ['health.gov.bc.ca/fhir/NamingSystem/', 'fhir.infoway-inforoute.ca/NamingSystem/', 'terminology.hlth.gov.bc.ca/'];

/**
 * The one spelling PLR emits for a code or identifier system given on input: the IG's http scptype, the IG's
 * bc-end-reason-code-system, current naming systems for superseded ones, https for the https hosts.
 */
export function emittedSystem(system: string): string {
  const superseded = SUPERSEDED.get(system) ?? CODE_SYSTEM_SPELLINGS.get(system);
  if (superseded) return superseded;
  const bare = system.replace(/^https?:\/\//, '');
  return HTTPS_HOSTS.some((h) => bare.startsWith(h)) ? `https://${bare}` : system;
}

/** One spelling per identifier system: superseded URIs and http/https variants compare equal. */
export function canonicalSystem(system: string | undefined): string {
  if (!system) return '';
  const s = SUPERSEDED.get(system) ?? system;
  return s.replace(/^http:\/\//, 'https://').toLowerCase();
}

export const CS = {
  errors: codeSystem('bc-error-code-system'),
  endReason: codeSystem('bc-end-reason-code-system'),
  /** The Ministry's test suite's spelling of the end-reason system (accepted, never emitted). */
  endReasonTestSuite: codeSystem('bc-end-reason-code'),
  licenseStatus: codeSystem('bc-license-status-code-system'),
  statusReason: codeSystem('bc-license-status-reason-code-system'),
  statusClass: codeSystem('bc-license-status-class-code-system'),
  relationshipType: codeSystem('bc-relationship-type-code-system'),
  locationRelationshipType: codeSystem('bc-location-relationship-type-code-system'),
  organizationRole: codeSystem('bc-organization-role-code-system'),
  practitionerRole: codeSystem('bc-practitioner-role-code-system'),
  scptype: 'http://fhir.infoway-inforoute.ca/CodeSystem/scptype',
} as const;

/** Code-system spellings seen on the wire (the Ministry's test suite) → the IG's. */
const CODE_SYSTEM_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['https://fhir.infoway-inforoute.ca/CodeSystem/scptype', CS.scptype],
  [CS.endReasonTestSuite, CS.endReason],
]);

/** IPC / CPN / IFC / RELN id shapes seen in the IG and test data (a letter suffix is allowed). */
export const ID_PATTERN = {
  ipc: /^IPC\.\d{8}[A-Z]?\.BC\.PRS$/,
  ifc: /^IFC\.\d{8}[A-Z]?\.BC\.PRS$/,
  reln: /^RELN\.\d+\.PRS$/,
} as const;

export const formatIpc = (n: number): string => `IPC.${String(n).padStart(8, '0')}.BC.PRS`;
export const formatCpn = (n: number): string => `CPN.${String(n).padStart(8, '0')}.BC.PRS`;
export const formatIfc = (n: number): string => `IFC.${String(n).padStart(8, '0')}.BC.PRS`;
export const formatReln = (n: number): string => `RELN.${n}.PRS`;

/** End reasons (bc-end-reason-code-system): cease, correct, change. */
export const END_REASONS = ['CEASE', 'CORR', 'CHG'] as const;
export const LICENSE_STATUSES = ['ACTIVE', 'INACTIVE', 'UNKNOWN', 'NULLIFIED', 'PENDING', 'SUSPENDED', 'TERMINATED', 'CANCELLED'] as const;
export const STATUS_CLASSES = ['LIC', 'AE'] as const;
export const RELATIONSHIP_TYPES = ['MANAGEDBY', 'MANAGES', 'WORKSAT', 'DIRECTED', 'DIRECTS', 'OPERATED', 'OPERATES', 'WORKLOCATION', 'SPONSOR', 'PHSTF', 'PHMGR', 'PHCST', 'PHARMACY', 'OTHER', 'LOC', 'EE', 'ER'] as const;
/** LOCATION / LOCATED, plus `operatesfrom` from the 1.0.0 example. */
export const LOCATION_RELATIONSHIP_TYPES = ['LOCATION', 'LOCATED', 'operatesfrom'] as const;
