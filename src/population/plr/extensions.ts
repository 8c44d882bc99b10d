// Builders for PLR's recurring extensions: period, owner, end reason, purpose, licence status.
import type * as fhir from '../../fhir/types.js';
import { PLR_EXT, PLR_SYS } from '../data/plr/systems.js';

/** A CodeableConcept with one coding. */
export const coding = (system: string, code: string, display?: string): fhir.CodeableConcept => ({
  coding: [display ? { system, code, display } : { system, code }],
});

/** bc-period-extension: when an attribute is (or was) valid. */
export function periodExt(start: string, end?: string): fhir.Extension {
  return { url: PLR_EXT.period, valuePeriod: end ? { start, end } : { start } };
}

/** bc-owner-extension: the data owner code (MOH, CPS, RNA...). */
export function ownerExt(owner: string): fhir.Extension {
  return { url: PLR_EXT.owner, valueIdentifier: { assigner: { display: owner } } };
}

/** End reason: CEASE (ended), CORR (corrected) or CHG (changed). */
export function endReasonExt(code: 'CEASE' | 'CORR' | 'CHG'): fhir.Extension {
  return { url: PLR_EXT.endReason, valueCodeableConcept: coding(PLR_SYS.endReason, code) };
}

/** Communication purpose: BC business, FC facility, HC home, ... */
export function purposeExt(code: string): fhir.Extension {
  return { url: PLR_EXT.commPurpose, valueCodeableConcept: coding(PLR_SYS.commPurpose, code) };
}

/** bc-address-validation-status-extension (F first load, N n/a, I invalid, U unknown, V valid). */
export function validationExt(code: 'F' | 'N' | 'I' | 'U' | 'V'): fhir.Extension {
  return { url: PLR_EXT.addressValidation, valueCodeableConcept: coding(PLR_SYS.addressValidation, code) };
}

/** An identifier with period (and owner, and an end when historical). */
export function plrIdentifier(system: string, value: string, start: string, owner?: string, end?: string): fhir.Identifier {
  const id: fhir.Identifier = {};
  const ext: fhir.Extension[] = [];
  if (owner) ext.push(ownerExt(owner));
  if (end) ext.push(endReasonExt('CHG'));
  if (ext.length > 0) id.extension = ext;
  id.system = system;
  id.value = value;
  id.period = end ? { start, end } : { start };
  return id;
}

/** Identifier-only reference, the way PLR references everything. */
export function identifierRef(system: string, value: string, start: string): fhir.Reference {
  return { identifier: { system, value, period: { start } } };
}

/** bc-license-status-extension: status, reason, class (LIC/AE), period. */
export function licenseStatusExt(status: string, reason: string, statusClass: 'LIC' | 'AE', start: string): fhir.Extension {
  return {
    url: PLR_EXT.licenseStatus,
    extension: [
      { url: 'statusCode', valueCodeableConcept: coding(PLR_SYS.licenseStatus, status) },
      { url: 'statusReasonCode', valueCodeableConcept: coding(PLR_SYS.licenseStatusReason, reason) },
      { url: 'statusClassCode', valueCodeableConcept: coding(PLR_SYS.licenseStatusClass, statusClass) },
      { url: 'period', valuePeriod: { start } },
    ],
  };
}

/** PLR addresses are upper case with unspaced postal codes, as in the registry's own examples. */
export function plrAddress(line: string, city: string, postalCode: string, start: string, purpose: string, end?: string): fhir.Address {
  const ext = [purposeExt(purpose), validationExt(end ? 'F' : 'V')];
  if (end) ext.push(endReasonExt('CHG'));
  return {
    extension: ext,
    type: 'physical',
    line: [line.toUpperCase()],
    city: city.toUpperCase(),
    state: 'BC',
    postalCode: postalCode.replace(' ', ''),
    country: 'CA',
    period: end ? { start, end } : { start },
  };
}

/** A telecom with its communication purpose (BC business, FC facility...). */
export function plrTelecom(system: 'phone' | 'fax' | 'email', value: string, start: string, purpose: string): fhir.ContactPoint {
  return { extension: [purposeExt(purpose)], system, value, period: { start } };
}
