// Readable views of FHIR resources and datatypes (names, identifiers, codes, periods, extensions), all as text nodes.
import { h, type Child } from './dom.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const tail = (url: string) => url.replace(/\/$/, '').split('/').pop() ?? url;

/** One line of text for any FHIR datatype value. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join('; ');
  const o = v as Json;
  if (typeof o.text === 'string' && !o.family && !o.line) return o.text;
  if ('family' in o || 'given' in o) return [...((o.prefix as string[]) ?? []), ...((o.given as string[]) ?? []), o.family, o.use ? `(${String(o.use)})` : ''].filter(Boolean).join(' ');
  if ('line' in o || 'city' in o) return [...((o.line as string[]) ?? []), o.city, o.state, o.postalCode, o.use ? `(${String(o.use)})` : ''].filter(Boolean).join(', ');
  if ('coding' in o) return valueText(o.coding);
  if ('code' in o && ('system' in o || 'display' in o)) return `${String(o.code)}${o.display ? ` (${String(o.display)})` : ''}`;
  if ('system' in o && 'value' in o) return `${tail(String(o.system))}: ${String(o.value)}`;
  if ('value' in o && ('system' in o || 'use' in o)) return `${String(o.system ?? '')} ${String(o.value)}`.trim();
  if ('start' in o || 'end' in o) return `${String(o.start ?? '…')} → ${String(o.end ?? 'open')}`;
  if ('reference' in o || 'display' in o) return [o.display, o.reference ? `[${String(o.reference)}]` : ''].filter(Boolean).join(' ');
  if (isObj(o.identifier)) return valueText(o.identifier);
  if ('extension' in o && Array.isArray(o.extension)) return extensionText(o.extension);
  return JSON.stringify(o);
}

/** A person's display name: the official HumanName (else the first), without its use. */
export function personName(names: unknown): string {
  const list = (Array.isArray(names) ? names : [names]).filter(isObj);
  const n = list.find((x) => x.use === 'official') ?? list[0];
  if (!n) return '';
  return valueText({ ...n, use: undefined }) || String(n.text ?? '');
}

function extValue(e: Json): unknown {
  const key = Object.keys(e).find((k) => k.startsWith('value'));
  return key ? e[key] : undefined;
}

/** A complex or simple extension list as `name: value` text. */
export function extensionText(exts: unknown[]): string {
  return exts
    .filter(isObj)
    .map((e) => `${tail(String(e.url))}: ${Array.isArray(e.extension) ? `{${extensionText(e.extension)}}` : valueText(extValue(e))}`)
    .join(', ');
}

/** Rows of a definition list. */
export function kv(rows: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'kv' }, rows.filter(([, v]) => v !== '' && v !== undefined && v !== null && !(Array.isArray(v) && !v.length)).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The text of a resource's extensions, one per line, with the licence status first. */
export function extensionLines(r: Json): HTMLElement[] {
  const exts = Array.isArray(r.extension) ? r.extension.filter(isObj) : [];
  return exts
    .sort((a, b) => Number(String(b.url).includes('status')) - Number(String(a.url).includes('status')))
    .map((e) => h('div', { class: String(e.url).includes('license-status') ? 'licence' : '' }, h('strong', {}, tail(String(e.url))), ': ', Array.isArray(e.extension) ? extensionText(e.extension) : valueText(extValue(e))));
}

/** A PLR reference by identifier as a link that searches the registry for it (IPC -> Practitioner/Organization, IFC -> Location). */
export function plrRefView(ref: unknown, type: 'Practitioner' | 'Organization' | 'Location', names?: ReadonlyMap<string, string>): Child {
  if (!isObj(ref)) return '';
  const id = isObj(ref.identifier) ? String(ref.identifier.value ?? '') : '';
  if (!id) return valueText(ref);
  const name = ref.display ? String(ref.display) : names?.get(id);
  return h('span', {}, h('a', { href: `#/plr?resource=${type}&identifier=${encodeURIComponent(id)}` }, id), name ? ` ${name}` : '');
}

/** The licence statuses (bc-license-status-extension): one pill per status class, ACTIVE green, others red. */
export function licenceView(r: Json): Child {
  const exts = (Array.isArray(r.extension) ? r.extension.filter(isObj) : []).filter((e) => String(e.url).includes('license-status'));
  return exts.map((e) => {
    const parts = new Map((Array.isArray(e.extension) ? e.extension.filter(isObj) : []).map((x) => [tail(String(x.url)), valueText(extValue(x))]));
    const code = parts.get('statusCode') ?? '?';
    const klass = parts.get('statusClassCode');
    const reason = parts.get('statusReasonCode');
    return h(
      'div',
      { class: 'licence' },
      h('span', { class: `pill ${code === 'ACTIVE' ? 'ok' : 'bad'}` }, code),
      ` ${klass ? `${klass} ` : ''}${reason ? `(${reason}) ` : ''}${parts.get('period') ?? ''}`,
    );
  });
}

/** A card for one resource: its main fields, extensions, and the raw JSON on demand. */
export function resourceCard(r: Json, extra: Child = null): HTMLElement {
  const type = String(r.resourceType);
  const title = valueText(r.name) || valueText(r.code) || String(r.id ?? type);
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => h('div', {}, valueText(x))) : v ? valueText(v) : '');
  return h(
    'div',
    { class: `resource res-${type}` },
    h('h4', {}, `${type}: `, title),
    kv([
      ['id', String(r.id ?? '')],
      ['Identifiers', list(r.identifier)],
      ['Active', r.active === undefined ? '' : String(r.active)],
      ['Status', valueText(r.status)],
      ['Gender', valueText(r.gender)],
      ['Birth date', valueText(r.birthDate)],
      ['Type', list(r.type)],
      ['Code', list(r.code)],
      ['Specialty', list(r.specialty)],
      ['Qualification', list((r.qualification as Json[] | undefined)?.map((q) => ({ text: `${valueText(q.code)} ${q.period ? valueText(q.period) : ''}`.trim() })))],
      ['Licence status', licenceView(r)],
      ['Practitioner', plrRefView(r.practitioner, 'Practitioner')],
      ['Organization', plrRefView(r.organization ?? r.managingOrganization, 'Organization')],
      ['Participating org.', valueText(r.participatingOrganization)],
      ['Location', Array.isArray(r.location) ? r.location.map((l) => h('div', {}, plrRefView(l, 'Location'))) : plrRefView(r.location, 'Location')],
      ['Period', valueText(r.period)],
      ['Address', list(r.address)],
      ['Telecom', list(r.telecom)],
      ['Language', list((r.communication as Json[] | undefined)?.map((c) => c.language ?? c))],
      ['Extensions', extensionLines(r)],
    ]),
    extra,
    h('details', { class: 'raw' }, h('summary', {}, 'JSON'), h('pre', { class: 'body' }, JSON.stringify(r, null, 2))),
  );
}

/** The issues of an OperationOutcome as lines `severity code: text`. */
export function outcomeView(o: Json): HTMLElement {
  const issues = Array.isArray(o.issue) ? o.issue.filter(isObj) : [];
  return h(
    'ul',
    { class: 'outcome' },
    issues.map((i) => {
      const details = isObj(i.details) ? i.details : {};
      const code = Array.isArray(details.coding) && isObj(details.coding[0]) ? String(details.coding[0].code ?? '') : '';
      return h('li', { class: `sev-${String(i.severity)}` }, h('strong', {}, `${String(i.severity)} ${code || String(i.code ?? '')}`), ' ', String(i.diagnostics ?? details.text ?? ''));
    }),
  );
}
