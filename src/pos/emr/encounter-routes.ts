// The EMR's Encounters: `Encounter?patient=` (what SMART launchers search to pick an encounter) and `Encounter/{id}`.
import type { AppDeps } from '../../app-deps.js';
import { forbidden, invalid, notFound, searchsetBundle, type FhirRequest, type RouteDef } from '../../fhir/index.js';
import type * as fhir from '../../fhir/types.js';
import { patientCompartment } from './fhir-guard.js';
import { emrChart, emrPatientId, indexOfPatientId } from './patient-view.js';
import { emrUrls } from './smart-configuration.js';

const KNOWN = new Set(['patient', 'subject', '_count', '_format', '_pretty']);

/** Encounter ids are `enc-{PHN}-{n}`: the PHN names the chart it is in. */
const ENCOUNTER_ID = /^enc-(\d{10})-\d{1,4}$/;

export function encounterRoutes(deps: AppDeps): RouteDef[] {
  const base = deps.config.baseUrl;
  const encountersOf = (index: number) => emrChart(deps.population, index).filter((r): r is fhir.Encounter => r.resourceType === 'Encounter');
  const search = (req: FhirRequest) => {
    for (const k of Object.keys(req.query)) if (!KNOWN.has(k)) throw invalid(`search parameter "${k}" is not supported on Encounter here (supported: patient, subject, _count)`);
    const raw = req.query.patient ?? req.query.subject;
    const ref = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw[raw.length - 1] : undefined;
    if (!ref) throw invalid('Encounter search needs patient (or subject): Encounter?patient=pt-0');
    const id = ref.replace(/^(.*\/)?Patient\//, '');
    const only = patientCompartment(req.claims);
    const index = only !== undefined && id !== only ? undefined : indexOfPatientId(id, deps.population);
    const found = index === undefined ? [] : encountersOf(index).reverse();
    const count = typeof req.query._count === 'string' ? Number(req.query._count) : found.length;
    if (!Number.isInteger(count) || count < 0) throw invalid(`_count must be a whole number, not "${String(req.query._count)}"`);
    return { resource: searchsetBundle(found.slice(0, count), { baseUrl: emrUrls(base).fhirBase, selfUrl: req.url, timestamp: deps.clock.iso() }) };
  };
  const read = (req: FhirRequest) => {
    const id = req.params.id!;
    const phn = ENCOUNTER_ID.exec(id)?.[1];
    const client = phn ? deps.population.clientByPhn(phn) : undefined;
    const encounter = client ? encountersOf(client.index).find((e) => e.id === id) : undefined;
    if (!client || !encounter) throw notFound(`Encounter/${id} is not in this EMR`);
    const only = patientCompartment(req.claims);
    if (only !== undefined && only !== emrPatientId(client.index)) throw forbidden(`this token is for Patient/${only || '(none)'}; Encounter/${id} is another patient's`);
    return { resource: encounter };
  };
  return [
    { method: 'GET', path: '/Encounter', name: 'emr.encounter-search', capability: { kind: 'interaction', type: 'Encounter', interaction: 'search-type' }, handler: search },
    { method: 'GET', path: '/Encounter/:id', name: 'emr.encounter-read', capability: { kind: 'interaction', type: 'Encounter', interaction: 'read' }, handler: read },
  ];
}
