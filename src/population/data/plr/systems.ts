// PLR identifier systems, extension URLs and code systems (docs/plr.md#vocabulary).

const NS = 'https://health.gov.bc.ca/fhir/NamingSystem';
const INFOWAY_NS = 'https://fhir.infoway-inforoute.ca/NamingSystem';
const TERM = 'https://terminology.hlth.gov.bc.ca/ProviderLocationRegistry/CodeSystem';
const EXT = 'http://hlth.gov.bc.ca/fhir/provider/StructureDefinition';

/** Infoway naming systems without the `license-` infix (PLR NamingSystems: paramedic, radiation and electroneurophysiology technologists). */
const WITHOUT_LICENSE_INFIX: ReadonlySet<string> = new Set(['paramedic', 'radiation-technologist', 'electroneurophysiology-technologist']);

export const PLR_SYS = {
  ipc: `${NS}/ca-bc-plr-ipc`,
  ifc: `${NS}/ca-bc-plr-ifc`,
  cpn: `${NS}/ca-bc-plr-common-party-number`,
  mpid: `${NS}/ca-bc-ministry-practitioner-id`,
  license: (suffix: string): string => `${INFOWAY_NS}/ca-bc-${WITHOUT_LICENSE_INFIX.has(suffix) ? '' : 'license-'}${suffix}`,
  officeAssistant: `${NS}/ca-bc-office-assistant`,
  scptype: 'http://fhir.infoway-inforoute.ca/CodeSystem/scptype',
  role: `${TERM}/bc-practitioner-role-code-system`,
  expertise: `${TERM}/bc-expertise-code-system`,
  language: `${TERM}/bc-language-code-system`,
  credential: `${TERM}/bc-credential-code-system`,
  licenseStatus: `${TERM}/bc-license-status-code-system`,
  licenseStatusReason: `${TERM}/bc-license-status-reason-code-system`,
  licenseStatusClass: `${TERM}/bc-license-status-class-code-system`,
  endReason: `${TERM}/bc-end-reason-code-system`,
  commPurpose: `${TERM}/bc-communication-purpose-code-system`,
  addressValidation: `${TERM}/bc-address-validation-status-code-system`,
  relationshipType: `${TERM}/bc-relationship-type-code-system`,
  locationRelationshipType: `${TERM}/bc-location-relationship-type-code-system`,
  organizationRole: `${TERM}/bc-organization-role-code-system`,
  hdsType: `${TERM}/bc-hds-type-code-system`,
  hdsSubtype: `${TERM}/bc-hds-subtype-code-system`,
} as const;

export const PLR_EXT = {
  period: `${EXT}/bc-period-extension`,
  endReason: `${EXT}/bc-end-reason-extension`,
  owner: `${EXT}/bc-owner-extension`,
  commPurpose: `${EXT}/bc-communication-purpose-code-extension`,
  addressValidation: `${EXT}/bc-address-validation-status-extension`,
  licenseStatus: `${EXT}/bc-license-status-extension`,
  birthplace: `${EXT}/bc-birthplace-extension`,
  qualification: `${EXT}/bc-practitioner-qualification-extension`,
  relationshipType: `${EXT}/bc-relationship-type-extension`,
  locationRelationshipType: `${EXT}/bc-location-relationship-type-extension`,
  facilityDetails: `${EXT}/bc-facility-details-extension`,
  physicalAddress: `${EXT}/bc-facility-physical-address-extension`,
  serviceArea: `${EXT}/bc-facility-health-service-area-extension`,
  healthAuthority: `${EXT}/bc-facility-health-authority-extension`,
  hsda: `${EXT}/bc-facility-health-service-delivery-area-extension`,
  lha: `${EXT}/bc-facility-local-health-area-extension`,
  chsa: `${EXT}/bc-facility-community-health-area-extension`,
  hdsTypeExt: `${EXT}/bc-health-delivery-site-type-extension`,
  payeeNumber: `${EXT}/bc-organization-clinic-payee-number-extension`,
} as const;

export const PLR_PROFILE = {
  practitioner: `${EXT}/bc-practitioner`,
  practitionerRole: `${EXT}/bc-practitioner-role`,
  roleRelationships: `${EXT}/bc-role-relationships`,
  organization: `${EXT}/bc-organization`,
  organizationAffiliation: `${EXT}/bc-organization-affiliation`,
  location: `${EXT}/bc-location`,
} as const;

/** Licence statuses and how often they occur: good standing (ACTIVE + GS/PRAC/TEMPPER, SUSPENDED + TI) dominates. */
export const LICENSE_STATUSES: readonly { status: string; reason: string; weight: number; goodStanding: boolean }[] = [
  { status: 'ACTIVE', reason: 'PRAC', weight: 60, goodStanding: true },
  { status: 'ACTIVE', reason: 'GS', weight: 28, goodStanding: true },
  { status: 'ACTIVE', reason: 'TEMPPER', weight: 2, goodStanding: true },
  { status: 'SUSPENDED', reason: 'TI', weight: 1.5, goodStanding: true },
  { status: 'INACTIVE', reason: 'RET', weight: 3, goodStanding: false },
  { status: 'INACTIVE', reason: 'NONPRAC', weight: 2, goodStanding: false },
  { status: 'SUSPENDED', reason: 'SUS', weight: 1.5, goodStanding: false },
  { status: 'CANCELLED', reason: 'NONPAY', weight: 1, goodStanding: false },
  { status: 'TERMINATED', reason: 'LTP', weight: 1, goodStanding: false },
];

/** Where practitioners earned their credential (contained Organization, as in the IG example). */
export const INSTITUTIONS: readonly { name: string; city: string; state: string; country: string }[] = [
  { name: 'University of British Columbia', city: 'Vancouver', state: 'BC', country: 'CA' },
  { name: 'University of Victoria', city: 'Victoria', state: 'BC', country: 'CA' },
  { name: 'Simon Fraser University', city: 'Burnaby', state: 'BC', country: 'CA' },
  { name: 'British Columbia Institute of Technology', city: 'Burnaby', state: 'BC', country: 'CA' },
  { name: 'University of Northern British Columbia', city: 'Prince George', state: 'BC', country: 'CA' },
  { name: 'University of Calgary', city: 'Calgary', state: 'AB', country: 'CA' },
  { name: 'University of Alberta', city: 'Edmonton', state: 'AB', country: 'CA' },
  { name: 'University of Saskatchewan', city: 'Saskatoon', state: 'SK', country: 'CA' },
  { name: 'University of Manitoba', city: 'Winnipeg', state: 'MB', country: 'CA' },
  { name: 'University of Toronto', city: 'Toronto', state: 'ON', country: 'CA' },
  { name: 'McMaster University', city: 'Hamilton', state: 'ON', country: 'CA' },
  { name: "Queen's University", city: 'Kingston', state: 'ON', country: 'CA' },
  { name: 'McGill University', city: 'Montreal', state: 'QC', country: 'CA' },
  { name: 'Dalhousie University', city: 'Halifax', state: 'NS', country: 'CA' },
  { name: 'University of the Philippines', city: 'Manila', state: '', country: 'PH' },
  { name: 'Panjab University', city: 'Chandigarh', state: '', country: 'IN' },
  { name: 'University of Hong Kong', city: 'Hong Kong', state: '', country: 'HK' },
  { name: 'University College Dublin', city: 'Dublin', state: '', country: 'IE' },
];

/** Community -> PLR language codes (bc-language-code-system; English has no code there). */
export const PLR_LANGUAGES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  french: [['F16', 'French']],
  chinese: [['C01', 'Cantonese'], ['M06', 'Mandarin']],
  punjabi: [['P16', 'Punjabi (Panjabi)'], ['H16', 'Hindi']],
  'south-asian': [['H16', 'Hindi'], ['U06', 'Urdu'], ['G16', 'Gajarati']],
  filipino: [['T01', 'Tagalog (Pilipino, Filipino)']],
  korean: [['K21', 'Korean']],
  vietnamese: [['V01', 'Vietnamese']],
  japanese: [['J01', 'Japanese']],
  persian: [['F01', 'Farsi']],
  'latin-american': [['S31', 'Spanish']],
  arab: [['A06', 'Arabic']],
  european: [['G06', 'German'], ['I21', 'Italian'], ['U01', 'Ukrainian'], ['P06', 'Polish'], ['D06', 'Dutch']],
  indigenous: [['H29', 'Halkomelem'], ['C12', 'Carrier']],
};
