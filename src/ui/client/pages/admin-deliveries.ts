// Admin: outbound deliveries with every attempt; replay a dead letter (or a delivered message).
import { get, post, qs } from '../api.js';
import { field, h, replace, select, statusPill, table } from '../dom.js';
import { act, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';
import type { DeliveryMessage } from '../types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function attemptsView(d: DeliveryMessage): HTMLElement {
  return h(
    'details',
    { class: 'attempts' },
    h('summary', {}, `${d.attempts.length} attempt${d.attempts.length === 1 ? '' : 's'}`),
    table(
      ['#', 'At', 'Status', 'Error', 'ms', 'Journal'],
      d.attempts.map((a, i) => [String(i + 1), when(a.at), statusPill(a.status, a.error), a.error ?? '', String(a.durationMs), a.journalId ? h('a', { href: `#/timeline?correlation=${encodeURIComponent(d.id)}` }, `#${a.journalId}`) : '']),
    ),
  );
}

async function render(ctx: PageContext): Promise<void> {
  const p = ctx.params;
  const state = select('state', ['', 'pending', 'delivered', 'dead'], p.get('state') ?? '');
  const channel = select('channel', ['', 'ocean', 'plr', 'hcim'], p.get('channel') ?? '');
  const correlation = h('input', { name: 'correlation', value: p.get('correlation') ?? '', placeholder: 'delivery, referral, PHN…' });
  const form = h('form', { class: 'filters', id: 'delivery-filters' }, field('State', state), field('Channel', channel), field('Correlation id', correlation), h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.go(`#/deliveries${qs({ state: state.value, channel: channel.value, correlation: correlation.value.trim() })}`);
  });
  const list = h('div', { id: 'deliveries' });
  const load = async () => {
    const all = await get<DeliveryMessage[]>(`/admin/deliveries${qs({ state: state.value, channel: channel.value, correlation: correlation.value.trim() })}`);
    replace(
      list,
      table(
        ['Delivery', 'Channel', 'Partner', 'State', 'URL', 'Attempts', 'Next attempt', 'Correlation', ''],
        all.reverse().map((d) => [
          h('a', { href: `#/timeline?correlation=${encodeURIComponent(d.id)}`, class: 'short', title: d.id }, d.id.slice(0, 8)),
          d.channel,
          d.partner ?? '',
          h('span', { class: `pill state-${d.state}` }, d.state, d.replays ? ` · replayed ${d.replays}×` : ''),
          h('span', { class: 'url' }, `${d.method} ${d.url}`),
          attemptsView(d),
          when(d.nextAttemptAt),
          h('div', { class: 'chips-cell' }, Object.entries(d.correlation).filter(([k]) => k !== 'delivery').map(([k, v]) => h('a', { class: 'chip', href: `#/timeline?correlation=${encodeURIComponent(v)}`, title: `${k} ${v}` }, `${k}: ${UUID.test(v) ? `${v.slice(0, 8)}…` : v}`))),
          d.state === 'pending'
            ? ''
            : h('button', { type: 'button', class: d.state === 'dead' ? '' : 'secondary', 'data-replay': d.id, onclick: () => void act(ctx, `Delivery ${d.id} replayed`, () => post(`/admin/deliveries/${encodeURIComponent(d.id)}/replay`)).then(load) }, 'Replay'),
        ]),
      ),
    );
  };
  replace(ctx.root, h('h1', {}, 'Deliveries'), h('p', { class: 'muted' }, 'Outbound messages (webhooks, distributions, notifications) with their retry history. Dead letters can be replayed once the endpoint is fixed.'), form, section('Messages', list));
  // Watching before the first load: a change while it loads is shown too.
  refreshOnActivity(ctx, load);
  await load();
}

export const deliveriesPage: Page = { path: 'deliveries', title: 'Deliveries', group: 'Admin', render };
