// Home: what runs here, the URLs a POS configures, the demo credentials and the sandbox's counts.
import { get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { loadInto, section, type Page, type PageContext } from '../page.js';
import type { Health, Overview } from '../types.js';

/** The health counts flattened to `system.name value` pairs, in columns. */
function countsTable(counts: Record<string, unknown>): HTMLElement {
  const rows: Array<[string, string]> = [];
  const walk = (prefix: string, v: unknown) => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else rows.push([prefix, String(v)]);
  };
  walk('', counts);
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  return h('div', { class: 'counts' }, rows.map(([k, v]) => h('div', {}, h('span', {}, k), h('strong', {}, v))));
}

async function render(ctx: PageContext): Promise<void> {
  const o = await get<Overview>('/ui/api/overview');
  const health = h('div', {});
  replace(
    ctx.root,
    h('h1', {}, `hie-sandbox ${o.version}`),
    h('p', {}, 'Ocean eReferral, the Provider and Location Registry (PLR) and the Provincial Client Registry (HCIM), simulated in one process for POS and EMR developers.'),
    section(
      'Endpoints a POS configures',
      table(
        ['What', 'URL'],
        o.endpoints.map((e) => [e.label, h('code', {}, e.url)]),
        { class: 'endpoints' },
      ),
      h('p', { class: 'muted' }, 'Systems mounted: ', o.systems.length ? o.systems.join(', ') : 'none yet', '. Bearer tokens ', o.auth ? 'required.' : 'not required (--no-auth).'),
    ),
    section(
      'Demo partner',
      table(
        ['Client id', 'Client secret', 'User (UserId header)', 'Password'],
        [[h('code', {}, o.demoPartner.clientId), h('code', {}, o.demoPartner.clientSecret), h('code', {}, o.demoPartner.username), h('code', {}, o.demoPartner.password)]],
      ),
    ),
    section('Sandbox state', health),
    h('p', { class: 'muted' }, h('a', { href: '/ui/plain' }, 'Plain endpoint list (no JavaScript)')),
  );
  await loadInto(health, async () => {
    const hl = await get<Health>('/admin/health');
    return countsTable(hl.counts);
  });
}

export const homePage: Page = { path: '', title: 'Overview', group: 'Sandbox', render };
