// FHIR R4 types for the whole sandbox, from @types/fhir; import them from here only.
export type * from 'fhir/r4.js';
