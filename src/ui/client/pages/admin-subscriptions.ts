// Admin: registry subscriptions (PLR distributions, HCIM notifications) and HCIM async callbacks: list, add, remove.
import { del, get, post } from '../api.js';
import { field, h, replace, select, table, type Child } from '../dom.js';
import { act, section, when, type Page, type PageContext } from '../page.js';
import type { Partner } from '../types.js';

type Row = Record<string, unknown>;

/** HCIM's change events a notification subscription can name (none = all). See: docs/hcim.md#change-notifications. */
const HCIM_EVENTS = ['NEW', 'NEWBORN', 'COMPOSITE', 'DEATH', 'PHNMERGE', 'EID'];
const SECRET = /secret|password|token|authorization/i;

/** Nested values as one line of JSON with credentials masked. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  return JSON.stringify(v, (k, x: unknown) => (SECRET.test(k) && typeof x === 'string' ? '••••' : x));
}

/** One cell: URLs as code, ids short (full on hover), instants as simulated time. */
function cell(key: string, v: unknown): Child {
  if (key === 'url' || key === 'endpoint') return h('code', {}, cellText(v));
  if (key === 'id' && typeof v === 'string') return h('code', { class: 'short', title: v }, v.slice(0, 8));
  if (/At$/.test(key) && typeof v === 'string') return h('span', { class: 'nowrap' }, when(v));
  return cellText(v);
}

/** A table of whatever fields the system's admin API returns, with a Remove button when the row has a key. */
function listing(ctx: PageContext, url: string, removeKey: 'id' | 'partner', id: string): { holder: HTMLElement; load: () => Promise<void> } {
  const holder = h('div', { id });
  const load = async (): Promise<void> => {
    try {
      const rows = await get<Row[]>(url);
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !SECRET.test(k));
      replace(
        holder,
        table(
          [...keys, ''],
          rows.map((r) => [
            ...keys.map((k) => cell(k, r[k])),
            r[removeKey] ? h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Removed', () => del(`${url}/${encodeURIComponent(String(r[removeKey]))}`)).then(load) }, 'Remove') : '',
          ]),
        ),
      );
    } catch (err) {
      replace(holder, h('p', { class: 'muted' }, `Not available: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  return { holder, load };
}

/** A small form that posts `build()` to `url` and reloads the list. */
function addForm(ctx: PageContext, id: string, url: string, label: string, fields: HTMLElement[], build: () => Row, reload: () => Promise<void>): HTMLFormElement {
  const form = h('form', { class: 'inline', id }, fields, h('button', { type: 'submit' }, label));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, `${label}: done`, () => post(url, build())).then(reload);
  });
  return form;
}

async function render(ctx: PageContext): Promise<void> {
  const partners = (await get<Partner[]>('/admin/partners')).map((p) => p.name);
  const partnerSelect = () => select('partner', partners, partners.includes('demo') ? 'demo' : (partners[0] ?? ''));
  const receiver = `${location.origin}/pos/receiver`;

  const plr = listing(ctx, '/admin/plr/subscriptions', 'id', 'plr-subscriptions');
  const plrPartner = partnerSelect();
  const plrUrl = h('input', { name: 'url', required: true, size: 40, value: `${receiver}/plr/distribution` });
  const plrForm = select('form', [['transaction', 'transaction (PUT a transaction Bundle)'], ['distribution', 'distribution ($distribution Parameters)']]);
  const plrAdd = addForm(ctx, 'plr-subscribe', '/admin/plr/subscriptions', 'Subscribe', [field('Partner', plrPartner), field('Endpoint', plrUrl), field('Form', plrForm)], () => ({ partner: plrPartner.value, url: plrUrl.value.trim(), form: plrForm.value }), plr.load);

  const hcim = listing(ctx, '/admin/hcim/subscriptions', 'id', 'hcim-subscriptions');
  const hcimPartner = partnerSelect();
  const hcimUrl = h('input', { name: 'endpoint', required: true, size: 40, value: `${receiver}/hcim/notification` });
  const boxes = HCIM_EVENTS.map((e) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'events', value: e }), ` ${e}`));
  const hcimAdd = addForm(
    ctx,
    'hcim-subscribe',
    '/admin/hcim/subscriptions',
    'Subscribe',
    [field('Partner', hcimPartner), field('Endpoint', hcimUrl), field('Events (none = all)', h('span', { class: 'checks' }, boxes))],
    () => ({ partner: hcimPartner.value, endpoint: hcimUrl.value.trim(), events: boxes.map((b) => b.querySelector('input')!).filter((i) => i.checked).map((i) => i.value) }),
    hcim.load,
  );

  const callbacks = listing(ctx, '/admin/hcim/callbacks', 'partner', 'hcim-callbacks');
  const cbPartner = partnerSelect();
  const cbUrl = h('input', { name: 'url', required: true, size: 40, placeholder: 'https://your-pos.example/hcim-async' });
  const cbAdd = addForm(ctx, 'hcim-callback', '/admin/hcim/callbacks', 'Set call-back', [field('Partner', cbPartner), field('Base URL', cbUrl)], () => ({ partner: cbPartner.value, url: cbUrl.value.trim() }), callbacks.load);

  replace(
    ctx.root,
    h('h1', {}, 'Subscriptions'),
    h('p', { class: 'muted' }, 'Registry endpoints partners subscribed (also: hie-sandbox plr subscribe, or the admin API). The endpoints default to the reference POS; deliveries to them show on the timeline and the Deliveries page.'),
    section('PLR distributions', plr.holder, plrAdd),
    section('HCIM patient notifications', hcim.holder, hcimAdd),
    section('HCIM async call-backs (.Async operations post their results here)', callbacks.holder, cbAdd),
  );
  await Promise.all([plr.load(), hcim.load(), callbacks.load()]);
}

export const subscriptionsPage: Page = { path: 'subscriptions', title: 'Subscriptions', group: 'Admin', render };
