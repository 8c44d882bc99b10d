// GET NamingSystem/{id}: Ocean's identifier systems, minted from the sandbox's host (the integrators' connection test).
import { notFound } from '../fhir/errors.js';
import type { FhirRequest, FhirResult } from '../fhir/routes.js';
import type * as fhir from '../fhir/types.js';
import { NAMING_SYSTEMS, type NamingSystemId } from './codes.js';
import type { OceanContext } from './context.js';

const DESCRIPTIONS: Record<NamingSystemId, string> = {
  'id-ereferral-reference': 'Ocean eReferral reference (UUID)',
  'id-referral-target-reference': 'Ocean directory listing reference (slug-digits)',
  'id-referral-target-external-service': 'External Service ID linking a listing to an integration',
  'id-site-number': 'Ocean site number',
  'id-external-patient-reference': 'EMR medical record number of the patient',
  'id-practitioner-username': 'Ocean username of a practitioner',
  'id-form-reference': 'Ocean eForm reference',
  'id-attachment-reference': 'Ocean attachment id',
};

/** See: https://hl7.org/fhir/R4/namingsystem.html; docs/ocean.md#the-fhir-api (AR's testConnection). */
export function createNamingSystemHandler(ctx: OceanContext) {
  return (req: FhirRequest): FhirResult => {
    const id = req.params.id as NamingSystemId;
    if (!NAMING_SYSTEMS.includes(id)) throw notFound(`NamingSystem/${req.params.id} is not one of Ocean's: ${NAMING_SYSTEMS.join(', ')}`);
    const resource: fhir.NamingSystem = {
      resourceType: 'NamingSystem',
      id,
      name: id.replace(/-/g, '_'),
      status: 'active',
      kind: 'identifier',
      date: ctx.deps.clock.iso().slice(0, 10),
      publisher: 'Ocean (hie-sandbox)',
      description: DESCRIPTIONS[id],
      uniqueId: [{ type: 'uri', value: ctx.namingSystem(id), preferred: true }],
    };
    return { resource };
  };
}
