// The EMR's FHIR server: one line per endpoint (metadata, Patient read/search, $everything, Practitioner read, Encounter).
import { providerByIpc } from '../../population/index.js';
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';
import { buildCapabilityStatement, notFound, searchsetBundle, type RouteDef } from '../../fhir/index.js';
import { createEmrAnswers } from './cached-answers.js';
import { encounterRoutes } from './encounter-routes.js';
import { patientCompartment } from './fhir-guard.js';
import { displayName, emrPatient, indexOfPatientId } from './patient-view.js';
import { scanNote, searchPatients } from './patient-search.js';
import { emrUrls } from './smart-configuration.js';

/** The route table. Access rules live in the guard (see fhir-guard.ts). */
export function emrFhirRoutes(deps: AppDeps): RouteDef[] {
  const base = deps.config.baseUrl;
  const patientIndex = (id: string) => {
    const i = indexOfPatientId(id, deps.population);
    if (i === undefined) throw notFound(`Patient/${id} is not in this EMR (ids look like pt-0 .. pt-${deps.population.options.sizes.patients - 1})`);
    return i;
  };
  const answers = createEmrAnswers(deps);
  const everything = (id: string) => {
    const i = patientIndex(id);
    // Un-paged, as Ocean's $everything contract requires: the Patient first, then the whole chart.
    return { json: answers.everything(i), correlation: { phn: answers.phn(i) } };
  };
  const routes: RouteDef[] = [
    {
      method: 'GET', path: '/metadata', name: 'emr.metadata', capability: { kind: 'none' },
      handler: () => ({ resource: buildCapabilityStatement(routes, { name: 'ReferenceEmr', title: 'hie-sandbox reference EMR', baseUrl: emrUrls(base).fhirBase, version: deps.version, date: '2026-01-01', security: smartSecurity(base) }) }),
    },
    {
      method: 'GET', path: '/Patient/:id', name: 'emr.patient-read', capability: { kind: 'interaction', type: 'Patient', interaction: 'read' },
      handler: (req) => {
        const i = patientIndex(req.params.id!);
        return { json: answers.patient(i), correlation: { phn: answers.phn(i) } };
      },
    },
    {
      method: 'GET', path: '/Patient', name: 'emr.patient-search', capability: { kind: 'interaction', type: 'Patient', interaction: 'search-type' },
      handler: async (req) => {
        const only = patientCompartment(req.claims);
        const { found, scanned } = await searchPatients(deps, req.query, only === undefined ? undefined : (indexOfPatientId(only, deps.population) ?? null));
        const outcome: fhir.OperationOutcome | undefined = scanned === undefined ? undefined : { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'too-costly', diagnostics: scanNote(scanned, deps.population.options.sizes.patients) }] };
        return { resource: searchsetBundle(found.map((i) => emrPatient(deps.population, i, base)), { baseUrl: emrUrls(base).fhirBase, selfUrl: req.url, timestamp: deps.clock.iso(), outcome }) };
      },
    },
    {
      method: 'GET', path: '/Patient/:id/\\$everything', name: 'emr.patient-everything',
      capability: { kind: 'operation', type: 'Patient', name: '$everything', definition: 'https://cloudconnect.cognisantmd.com/fhir/OperationDefinition/Patient-everything' },
      handler: (req) => everything(req.params.id!),
    },
    { method: 'POST', path: '/Patient/:id/\\$everything', name: 'emr.patient-everything-post', capability: { kind: 'none' }, handler: (req) => everything(req.params.id!) },
    {
      method: 'GET', path: '/Practitioner/:id', name: 'emr.practitioner-read', capability: { kind: 'interaction', type: 'Practitioner', interaction: 'read' },
      handler: (req) => {
        const p = providerByIpc(deps.population, req.params.id!);
        if (!p) throw notFound(`Practitioner/${req.params.id} is not in this EMR`);
        return { resource: { ...p.practitioner, id: p.ipc } };
      },
    },
    ...encounterRoutes(deps),
  ];
  return routes;
}

function smartSecurity(base: string) {
  const u = emrUrls(base);
  return {
    service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: u.authorize },
          { url: 'token', valueUri: u.token },
          { url: 'introspect', valueUri: u.introspect },
        ],
      },
    ],
  };
}

export { displayName };
