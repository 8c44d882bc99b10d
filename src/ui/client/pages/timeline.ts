// The live timeline: every exchange of every system, filterable, each expandable to its full request and response.
import { get, qs } from '../api.js';
import { field, h, pretty, replace, select, statusPill, table } from '../dom.js';
import { historyThenLive } from '../live-history.js';
import { refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';
import { pickBox, saveScenarioPanel } from '../save-scenario.js';
import type { DeliveryMessage, JournalEntry, JournalMessage, Partner } from '../types.js';

const MAX_ROWS = 500;
const SYSTEMS = ['', 'ocean', 'plr', 'hcim', 'pos', 'auth'];

interface Filters {
  system: string;
  partner: string;
  correlation: string;
  direction: string;
  failures: boolean;
}

const isFailure = (e: JournalEntry) => Boolean(e.error) || e.status === undefined || e.status >= 400;

function matches(e: JournalEntry, f: Filters): boolean {
  return (
    (!f.system || e.system === f.system) &&
    (!f.partner || e.partner === f.partner) &&
    (!f.direction || e.direction === f.direction) &&
    (!f.correlation || Object.values(e.correlation).includes(f.correlation)) &&
    (!f.failures || isFailure(e))
  );
}

function messageView(title: string, m: JournalMessage | undefined): HTMLElement {
  if (!m) return h('div', { class: 'msg' }, h('h4', {}, title), h('p', { class: 'muted' }, 'none'));
  const headers = Object.entries(m.headers).map(([k, v]) => [k, v]);
  return h(
    'div',
    { class: 'msg' },
    h('h4', {}, title),
    headers.length ? table(['Header', 'Value'], headers, { class: 'headers' }) : null,
    m.body !== undefined ? h('pre', { class: 'body' }, pretty(m.body)) : h('p', { class: 'muted' }, 'no body'),
    m.truncated ? h('p', { class: 'muted' }, 'body cut at the journal cap') : null,
  );
}

/** One timeline row: a <details> whose full request/response is drawn on first open. */
export function entryRow(e: JournalEntry, onCorrelation: (value: string) => void): HTMLElement {
  const chips = Object.entries(e.correlation).map(([k, v]) =>
    h('button', { type: 'button', class: 'chip', title: `filter by ${k} ${v}`, onclick: (ev: Event) => (ev.preventDefault(), onCorrelation(v)) }, `${k}: ${v}`),
  );
  const body = h('div', { class: 'entry-body' });
  const details = h(
    'details',
    { class: `entry ${e.direction} ${isFailure(e) ? 'fail' : ''}`, 'data-id': e.id, 'data-system': e.system },
    h(
      'summary',
      {},
      h('span', { class: 'time' }, when(e.time)),
      h('span', { class: `dir ${e.direction}`, title: e.direction }, e.direction === 'inbound' ? '→ in' : '← out'),
      h('span', { class: `sys sys-${e.system}` }, e.system),
      h('span', { class: 'partner' }, e.partner ?? '—'),
      h('span', { class: 'method' }, e.method),
      h('span', { class: 'url' }, e.url),
      statusPill(e.status, e.error),
      h('span', { class: 'ms' }, `${e.durationMs} ms`),
      h('span', { class: 'chips' }, chips),
      e.error ? h('span', { class: 'err' }, e.error) : null,
    ),
    body,
  );
  details.addEventListener('toggle', () => {
    if (details.open && !body.firstChild) replace(body, h('div', { class: 'msgs' }, messageView('Request', e.request), messageView('Response', e.response)));
  });
  return details;
}

function retriesPanel(list: DeliveryMessage[]): HTMLElement {
  const rows = list.map((d) => [
    h('code', {}, d.id),
    d.channel,
    d.partner ?? '',
    h('span', { class: 'url' }, d.url),
    String(d.attempts.length),
    d.attempts.at(-1) ? statusPill(d.attempts.at(-1)!.status, d.attempts.at(-1)!.error) : '',
    when(d.nextAttemptAt),
  ]);
  return table(['Delivery', 'Channel', 'Partner', 'URL', 'Attempts', 'Last', 'Next attempt'], rows, { class: 'retries', id: 'retries' });
}

async function render(ctx: PageContext): Promise<void> {
  const p = ctx.params;
  const f: Filters = { system: p.get('system') ?? '', partner: p.get('partner') ?? '', correlation: p.get('correlation') ?? '', direction: p.get('direction') ?? '', failures: p.get('failures') === '1' };
  const setFilters = (next: Partial<Filters>) => {
    const n = { ...f, ...next };
    ctx.go(`#/timeline${qs({ system: n.system, partner: n.partner, correlation: n.correlation, direction: n.direction, failures: n.failures ? '1' : '' })}`);
  };
  const system = select('system', SYSTEMS, f.system);
  const partners = (await get<Partner[]>('/admin/partners').catch(() => [])).map((x) => x.name);
  const partner = select('partner', ['', ...new Set([...partners, f.partner].filter(Boolean))], f.partner);
  const correlation = h('input', { name: 'correlation', value: f.correlation, placeholder: 'referral, message, PHN, delivery…' });
  const direction = select('direction', ['', 'inbound', 'outbound'], f.direction);
  const failures = h('input', { type: 'checkbox', name: 'failures', checked: f.failures });
  const form = h(
    'form',
    { class: 'filters', id: 'timeline-filters' },
    field('System', system),
    field('Partner', partner),
    field('Correlation id', correlation),
    field('Direction', direction),
    field('Failures only', failures),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => ctx.go('#/timeline') }, 'Clear'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setFilters({ system: system.value, partner: partner.value.trim(), correlation: correlation.value.trim(), direction: direction.value, failures: failures.checked });
  });

  const list = h('div', { class: 'timeline', id: 'timeline' });
  const count = h('span', { class: 'muted' });
  const retries = h('div', {});
  const onCorrelation = (v: string) => setFilters({ correlation: v });
  const add = (e: JournalEntry, top: boolean) => {
    const row = entryRow(e, onCorrelation);
    row.querySelector('summary')?.prepend(pickBox(e.id));
    if (top) list.insertBefore(row, list.firstChild);
    else list.appendChild(row);
    while (list.childElementCount > MAX_ROWS) list.lastElementChild?.remove();
    count.textContent = `${list.childElementCount} exchanges shown`;
  };
  replace(
    ctx.root,
    h('h1', {}, 'Live timeline'),
    h('p', { class: 'muted' }, 'Every exchange of every system, newest first. Click a row for the full request and response; click an id to follow it across systems.'),
    form,
    section('Deliveries being retried', retries),
    section('Save as scenario', saveScenarioPanel(list, partners, f.partner || 'demo')),
    section('Exchanges', count, list),
  );

  const history = () => get<JournalEntry[]>(`/admin/journal${qs({ limit: MAX_ROWS, system: f.system, partner: f.partner, correlation: f.correlation, direction: f.direction })}`);
  const shown = (past: JournalEntry[]) => {
    for (const e of past.reverse()) if (matches(e, f)) add(e, false);
    count.textContent = `${list.childElementCount} exchanges shown`;
  };
  ctx.onLeave(await historyThenLive(ctx.feed, history, shown, (e) => (matches(e, f) ? add(e, true) : undefined)));

  const loadRetries = async () => {
    const pending = await get<DeliveryMessage[]>(`/admin/deliveries${qs({ state: 'pending', partner: f.partner, correlation: f.correlation })}`);
    replace(retries, retriesPanel(pending.filter((d) => !f.system || d.channel === f.system)));
  };
  // Watching before the first load, so a retry that changes while it loads is shown too.
  refreshOnActivity(ctx, loadRetries);
  await loadRetries();
}

export const timelinePage: Page = { path: 'timeline', title: 'Live timeline', group: 'Sandbox', render };
