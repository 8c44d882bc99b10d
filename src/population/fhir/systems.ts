// Code and identifier system URIs used across the population (sources: docs/).

export const SYS = {
  phn: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  bcp47: 'urn:ietf:bcp:47',
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  atc: 'http://www.whocc.no/atc',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  appointmentType: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
} as const;

/** Profile of a Client Registry patient (HCIM FHIR IG). */
export const BC_PATIENT_PROFILE = 'http://hlth.gov.bc.ca/fhir/client/StructureDefinition/bc-patient';

/** Assigner display on PHN identifiers, as HCIM returns it. */
export const PHN_ASSIGNER = 'MOH Client Registry - MOH_CRS';
