// Admin: registry subscriptions (PLR distributions, HCIM notifications) and HCIM async callbacks, as their admin APIs list them.
import { del, get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { valueText } from '../fhir-view.js';
import { act, section, type Page, type PageContext } from '../page.js';

type Row = Record<string, unknown>;

/** A table of whatever fields the system's admin API returns, with a Remove button when the row has an id. */
async function listing(ctx: PageContext, url: string, removeKey: 'id' | 'partner'): Promise<HTMLElement> {
  const holder = h('div', {});
  const load = async (): Promise<void> => {
    try {
      const rows = await get<Row[]>(url);
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !/secret|password/i.test(k));
      replace(
        holder,
        table(
          [...keys, ''],
          rows.map((r) => [
            ...keys.map((k) => (typeof r[k] === 'object' ? valueText(r[k]) || JSON.stringify(r[k]) : String(r[k] ?? ''))),
            r[removeKey] ? h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Removed', () => del(`${url}/${encodeURIComponent(String(r[removeKey]))}`)).then(load) }, 'Remove') : '',
          ]),
        ),
      );
    } catch (err) {
      replace(holder, h('p', { class: 'muted' }, `Not available: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  await load();
  return holder;
}

async function render(ctx: PageContext): Promise<void> {
  replace(
    ctx.root,
    h('h1', {}, 'Subscriptions'),
    h('p', { class: 'muted' }, 'Registry endpoints partners subscribed (CLI: hie-sandbox plr subscribe, or the admin API). Deliveries to them show on the timeline and the Deliveries page.'),
    section('PLR distributions', await listing(ctx, '/admin/plr/subscriptions', 'id')),
    section('HCIM patient notifications', await listing(ctx, '/admin/hcim/subscriptions', 'id')),
    section('HCIM async callbacks', await listing(ctx, '/admin/hcim/callbacks', 'partner')),
  );
}

export const subscriptionsPage: Page = { path: 'subscriptions', title: 'Subscriptions', group: 'Admin', render };
