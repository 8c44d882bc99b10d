// PLR search: the $entityQuery / $extendedQuery parameters, results as providers with roles, relationships and licence status.
import { field, h, replace, select, table, type Child } from '../dom.js';
import { extensionLines, outcomeView, plrRefView, resourceCard, valueText } from '../fhir-view.js';
import { section, type Page, type PageContext } from '../page.js';
import { createRegistryClient } from '../registry-client.js';

const BASE = '/plr/HSA-web/fhir-rs';
const ACCEPT = 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1';

/** The IN parameters of the 1.0.0 OperationDefinitions (bc-entity-*-query), by resource type. */
const PARAMS: Record<string, Array<[string, string]>> = {
  Practitioner: [
    ['identifier', 'system|value or value, e.g. IPC.00187833.BC.PRS'],
    ['family', 'surname, e.g. Smi* (or an identifier, a city, an expertise or a language)'],
    ['given', 'given name'],
    ['status', 'ACTIVE, SUSPENDED…'],
    ['status-reason', 'GS, PRAC…'],
    ['address-city', 'city'],
    ['gender', 'male, female…'],
    ['role', 'MD, RN…'],
    ['communication', 'language codes, comma list'],
    ['expertise', 'specialty codes, comma list'],
    ['organization-name', 'related organization'],
  ],
  Organization: [
    ['identifier', 'IPC…'],
    ['name', 'name, e.g. Kelowna*'],
    ['description', 'description'],
    ['type', 'HDS, BUSINESS, CLINIC, ORG'],
    ['address-line1', 'first address line'],
    ['address-city', 'city'],
  ],
  Location: [
    ['identifier', 'IFC…'],
    ['name', 'facility name (exact)'],
    ['address-city', 'city'],
    ['address-line1', 'civic address line'],
    ['healthAuthority', 'e.g. Interior or Interior Health'],
    ['healthServiceDeliveryArea', 'e.g. Okanagan'],
    ['localHealthArea', 'e.g. Central Okanagan'],
    ['communityHealthServiceArea', 'e.g. Downtown Kelowna'],
  ],
};

type Json = Record<string, unknown>;

/** The roles and relationships of one entity as one row each (code, the related entity, period, relationship type). */
function relationshipsTable(related: Json[], names: ReadonlyMap<string, string>): HTMLElement {
  const rel = (r: Json): Child[] => [
    h('code', {}, String(r.id ?? '')),
    String(r.resourceType),
    valueText(r.code) || '—',
    plrRefView(r.practitioner, 'Practitioner', names),
    plrRefView(r.organization ?? r.participatingOrganization, 'Organization', names),
    Array.isArray(r.location) ? r.location.map((l) => plrRefView(l, 'Location', names)) : '',
    valueText(r.specialty),
    h('span', { class: 'nowrap' }, valueText(r.period)),
    extensionLines(r).filter((e) => e.textContent?.includes('relationship-type')).map((e) => h('div', {}, (e.textContent ?? '').replace(/^[^:]*:\s*/, ''))),
  ];
  return table(['Id', 'Resource', 'Role', 'Practitioner', 'Organization', 'Location', 'Specialty', 'Period', 'Type'], related.map(rel), { class: 'relationships' });
}

/** IPC/IFC -> name of every entity in the answer, so relationships can name what they point at. */
function entityNames(bundles: Json[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const b of bundles) {
    const main = ((b.entry as Array<{ resource?: Json }> | undefined) ?? [])[0]?.resource ?? b;
    const name = valueText(main.name).split(';')[0] ?? '';
    for (const i of (main.identifier as Json[] | undefined) ?? []) if (name && typeof i.value === 'string') names.set(i.value, name);
  }
  return names;
}

/** One nested entity Bundle: the entity's card, then its roles and relationships; included entities start folded. */
function matchView(r: Json, names: ReadonlyMap<string, string>, folded = false): HTMLElement {
  if (r.resourceType !== 'Bundle') return h('div', { class: 'match card' }, resourceCard(r));
  const entries = (Array.isArray(r.entry) ? r.entry : []) as Array<{ resource?: Json }>;
  const [main, ...related] = entries.map((e) => e.resource).filter((x): x is Json => Boolean(x));
  if (!main) return resourceCard(r);
  const body = resourceCard(main, related.length ? h('div', { class: 'related' }, h('h4', {}, `Roles and relationships (${related.length})`), relationshipsTable(related, names)) : null);
  if (!folded) return h('div', { class: 'match card' }, body);
  const ids = ((main.identifier as Json[] | undefined) ?? []).map((i) => String(i.value ?? '')).slice(0, 1).join('');
  return h('details', { class: 'included-entity card' }, h('summary', {}, `${String(main.resourceType)}: ${valueText(main.name) || String(main.id ?? '')} `, h('code', {}, ids), ` · ${related.length} relationships`), body);
}

async function render(ctx: PageContext): Promise<void> {
  const client = createRegistryClient();
  const p = ctx.params;
  const type = select('resource', Object.keys(PARAMS), p.get('resource') ?? 'Practitioner');
  const op = select('op', [['entityQuery', '$entityQuery (matches)'], ['extendedQuery', '$extendedQuery (+ related)']], p.get('op') ?? 'entityQuery');
  const history = h('input', { type: 'checkbox', name: 'withHistory', checked: p.get('withHistory') === 'true' });
  const fields = h('div', { class: 'filters' });
  const inputs = new Map<string, HTMLInputElement>();
  const drawFields = () => {
    inputs.clear();
    replace(fields, PARAMS[type.value]!.map(([name, hint]) => {
      const input = h('input', { name, placeholder: hint, value: p.get(name) ?? '' });
      inputs.set(name, input);
      return field(name, input);
    }));
  };
  drawFields();
  type.addEventListener('change', drawFields);
  const results = h('div', { id: 'plr-results' });
  const form = h('form', { id: 'plr-form' }, h('div', { class: 'filters' }, field('Resource', type), field('Operation', op), field('withHistory', history)), fields, h('button', { type: 'submit' }, 'Search'));
  const run = async () => {
    const q = new URLSearchParams();
    for (const [name, input] of inputs) if (input.value.trim()) q.set(name, input.value.trim());
    if (history.checked) q.set('withHistory', 'true');
    const url = `${BASE}/${type.value}/$${op.value}?${q.toString()}`;
    replace(results, h('p', { class: 'muted' }, 'Searching…'));
    const answer = await client.call('GET', url, undefined, ACCEPT);
    const entries = ((answer.body?.entry as Array<{ resource?: Json; search?: { mode?: string } }> | undefined) ?? []);
    const outcome = entries.find((e) => e.search?.mode === 'outcome')?.resource ?? (answer.body?.resourceType === 'OperationOutcome' ? answer.body : undefined);
    const of = (mode: string) => entries.filter((e) => (e.search?.mode ?? 'match') === mode && e.resource).map((e) => e.resource!);
    const matches = of('match');
    const included = of('include');
    const names = entityNames([...matches, ...included]);
    replace(
      results,
      h('p', {}, h('code', {}, `GET ${url}`), ` → HTTP ${answer.status}, ${matches.length} match${matches.length === 1 ? '' : 'es'}${included.length ? `, ${included.length} related` : ''}`),
      outcome ? outcomeView(outcome) : null,
      matches.map((x) => matchView(x, names)),
      included.length ? h('div', { class: 'included' }, h('h3', {}, `Directly related providers and facilities (${included.length}, search mode "include")`), included.map((x) => matchView(x, names, true))) : null,
    );
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run().catch((err: unknown) => replace(results, h('p', { class: 'error' }, String(err))));
  });
  replace(
    ctx.root,
    h('h1', {}, 'PLR search'),
    h('p', { class: 'muted' }, 'Queries the simulated Provider and Location Registry as the demo partner would (bearer token, UserId header). One trailing * per field; at most 20 results.'),
    section('Query', form),
    section('Results', results),
  );
  if ([...inputs.values()].some((i) => i.value)) await run();
}

export const plrPage: Page = { path: 'plr', title: 'PLR search', group: 'Registries', render };
