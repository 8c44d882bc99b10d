// HCIM search: $GetDemographics by PHN and $FindCandidates by demographics, with candidates and their raw EMPI scores.
import { field, h, replace, select, table } from '../dom.js';
import { outcomeView, resourceCard, valueText } from '../fhir-view.js';
import { section, type Page, type PageContext } from '../page.js';
import { createRegistryClient, type FhirAnswer } from '../registry-client.js';

const BASE = '/hcim/fhir';
const PHN_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id';

type Json = Record<string, unknown>;

/** The bc-*-request-bundle: MetadataParametersIn first, then the Patient. */
function requestBundle(patient: Json): Json {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: crypto.randomUUID() }] } },
      { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: { resourceType: 'Patient', ...patient } },
    ],
  };
}

function answerView(url: string, a: FhirAnswer): HTMLElement[] {
  const entries = (a.body?.entry as Array<{ resource?: Json; search?: { mode?: string; score?: number } }> | undefined) ?? [];
  const outcome = entries.find((e) => e.search?.mode === 'outcome' || e.resource?.resourceType === 'OperationOutcome')?.resource ?? (a.body?.resourceType === 'OperationOutcome' ? a.body : undefined);
  const patients = entries.filter((e) => e.resource?.resourceType === 'Patient');
  const phn = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).find((i) => String(i.system).includes('patient-healthcare-id'))?.value;
  return [
    h('p', {}, h('code', {}, `POST ${url}`), ` → HTTP ${a.status}, ${patients.length} patient${patients.length === 1 ? '' : 's'}`),
    outcome ? outcomeView(outcome) : h('p', {}, ''),
    table(
      ['Score', 'PHN', 'Name', 'Birth date', 'Gender', 'Address'],
      patients.map((e) => {
        const p = e.resource!;
        return [e.search?.score === undefined ? '—' : String(e.search.score), String(phn(p) ?? ''), valueText(p.name), valueText(p.birthDate), valueText(p.gender), valueText(p.address)];
      }),
      { class: 'candidates' },
    ),
    h('div', {}, patients.map((e) => h('details', { class: 'candidate', open: patients.length === 1 }, h('summary', {}, `Full record · ${String(phn(e.resource!) ?? '')} ${valueText(e.resource!.name).split(';')[0] ?? ''}`), resourceCard(e.resource!)))),
  ];
}

async function render(ctx: PageContext): Promise<void> {
  const client = createRegistryClient();
  const results = h('div', { id: 'hcim-results' });
  const call = async (op: string, patient: Json) => {
    const url = `${BASE}/Patient/$${op}`;
    replace(results, h('p', { class: 'muted' }, 'Asking HCIM…'));
    try {
      replace(results, answerView(url, await client.call('POST', url, requestBundle(patient))));
    } catch (err) {
      replace(results, h('p', { class: 'error' }, String(err)));
    }
  };

  const phn = h('input', { name: 'phn', placeholder: '10 digits, e.g. 9873456789', value: ctx.params.get('phn') ?? '' });
  const getForm = h('form', { class: 'inline', id: 'hcim-phn-form' }, field('PHN', phn), h('button', { type: 'submit' }, '$GetDemographics'));
  getForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void call('GetDemographics', { identifier: [{ system: PHN_SYSTEM, value: phn.value.trim() }] });
  });

  const inp = (name: string, placeholder = '') => h('input', { name, placeholder });
  const family = inp('family', 'surname (required)');
  const given = inp('given', 'given names');
  const birthDate = inp('birthDate', 'YYYY-MM-DD');
  const gender = select('gender', ['', 'male', 'female', 'other', 'unknown']);
  const line = inp('line', 'address line');
  const city = inp('city');
  const postal = inp('postalCode', 'V1A 2B3');
  const phone = inp('phone', '250-555-0100');
  const findForm = h(
    'form',
    { class: 'filters', id: 'hcim-find-form' },
    field('Surname', family),
    field('Given', given),
    field('Birth date', birthDate),
    field('Gender', gender),
    field('Address line', line),
    field('City', city),
    field('Postal code', postal),
    field('Phone', phone),
    h('button', { type: 'submit' }, '$FindCandidates'),
  );
  findForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = (i: HTMLInputElement | HTMLSelectElement) => i.value.trim() || undefined;
    const patient: Json = { name: [{ use: 'official', family: v(family), given: v(given)?.split(/\s+/) }] };
    if (v(birthDate)) patient.birthDate = v(birthDate);
    if (v(gender)) patient.gender = v(gender);
    if (v(line) || v(city) || v(postal)) patient.address = [{ line: v(line) ? [v(line)] : undefined, city: v(city), postalCode: v(postal), country: 'CA' }];
    if (v(phone)) patient.telecom = [{ system: 'phone', value: v(phone) }];
    void call('FindCandidates', patient);
  });

  replace(
    ctx.root,
    h('h1', {}, 'HCIM search'),
    h('p', { class: 'muted' }, 'Asks the simulated Client Registry as the demo partner would. FindCandidates needs a surname plus one of birth date, address line, phone or postal code; scores are the raw EMPI scores.'),
    section('By PHN', getForm),
    section('By demographics', findForm),
    section('Answer', results),
  );
  if (phn.value) await call('GetDemographics', { identifier: [{ system: PHN_SYSTEM, value: phn.value.trim() }] });
}

export const hcimPage: Page = { path: 'hcim', title: 'HCIM search', group: 'Registries', render };
