// The one mapping between a source's FHIR naming system and its HL7v3 assigningAuthorityName (docs/hcim.md#source-record-identifiers).
import type * as fhir from '../fhir/types.js';
import { SRI_SYSTEM_PATTERN } from './identifiers.js';

const PREFIX = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-';
const SUFFIX = '-source-patient-id';
/** A source code: letters and digits in parts joined by `-` or `_` (`VIHA-CERN`, `FHA_MT`, `LCTZ_IAS`, `CLINICA`). */
const SOURCE_CODE = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;

/**
 * The registry's key of a source code: lower case, parts joined by `-`, as the naming system writes it
 * (`VIHA-CERN`, `viha_cern` and `Viha-Cern` are all `viha-cern`). Undefined when the text is not a source code.
 */
export function sourceKeyOf(code: string): string | undefined {
  const trimmed = code.trim();
  return SOURCE_CODE.test(trimmed) ? trimmed.toLowerCase().replace(/_/g, '-') : undefined;
}

/** The naming system of a source code: `FHA_MT` -> `https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-fha-mt-source-patient-id`. */
export function sriSystemOf(code: string): string | undefined {
  const key = sourceKeyOf(code);
  return key === undefined ? undefined : `${PREFIX}${key}${SUFFIX}`;
}

/** The source key inside a `ca-bc-<org>-<src>-source-patient-id` naming system (`fha-mt`); undefined for other systems. */
export function sourceKeyOfSystem(system: string | undefined): string | undefined {
  return system === undefined ? undefined : SRI_SYSTEM_PATTERN.exec(system)?.[1];
}

/**
 * The source code a FHIR source identifier states for HL7v3: its `assigner.display` when that is, or ends in
 * (` - FHA_MT`, as the HCIM IG's examples write it), a code naming the identifier's own system. An SRI read from
 * HL7v3 carries its assigningAuthorityName there as sent.
 */
export function statedAuthorityOf(identifier: fhir.Identifier): string | undefined {
  const key = sourceKeyOfSystem(identifier.system);
  const display = identifier.assigner?.display;
  if (key === undefined || display === undefined) return undefined;
  const code = display.split(' - ').pop()!.trim();
  return sourceKeyOf(code) === key ? code : undefined;
}

/**
 * The assigningAuthorityName an HL7v3 answer gives a source record: the code its filer stated, else the naming
 * system's key in upper case with `_` between parts (`fha-mt` -> `FHA_MT`, as the IG's assigner texts end). A
 * superseded system names no source: its identifiers keep the partner's code as before.
 */
export function authorityOf(record: { system: string; authority?: string; partner: string }): string {
  if (record.authority) return record.authority;
  const key = sourceKeyOfSystem(record.system);
  return key === undefined ? record.partner.toUpperCase() : key.toUpperCase().replace(/-/g, '_');
}
