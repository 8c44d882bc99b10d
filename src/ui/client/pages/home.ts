// Home: what runs here, the URLs a POS configures, the demo credentials and the sandbox's counts.
import { get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { loadInto, section, type Page, type PageContext } from '../page.js';
import type { Health, Overview } from '../types.js';

/** The systems' own counts, one block each, in the order a trainer talks about them. */
const GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['population', 'Population'],
  ['ocean', 'Ocean'],
  ['plr', 'PLR'],
  ['hcim', 'HCIM'],
  ['pos', 'Reference POS'],
  ['deliveries', 'Outbound deliveries'],
];

/** Raw storage counts say how the sandbox keeps things, not what it holds: they stay off the overview. */
const HIDDEN = new Set(['store']);

/** `refreshTokens` -> `refresh tokens`. */
const words = (key: string) => key.replace(/[._-]+/g, ' ').replace(/([a-z])([A-Z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`);

/** The health counts as one block per system, with readable labels. */
function countsBlocks(counts: Record<string, unknown>): HTMLElement {
  const rowsOf = (value: unknown, prefix = ''): Array<[string, string]> =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => rowsOf(v, prefix ? `${prefix} · ${words(k)}` : words(k)))
      : [[prefix || 'entries', typeof value === 'number' ? value.toLocaleString('en-CA') : String(value)]];
  const known = GROUPS.filter(([key]) => Object.hasOwn(counts, key));
  const others = Object.keys(counts).filter((k) => !HIDDEN.has(k) && !GROUPS.some(([g]) => g === k));
  const block = (title: string, value: unknown) =>
    h('div', { class: 'count-block' }, h('h3', {}, title), h('div', { class: 'counts' }, rowsOf(value).map(([k, v]) => h('div', {}, h('span', {}, k), h('strong', {}, v)))));
  return h('div', { class: 'count-blocks' }, known.map(([key, title]) => block(title, counts[key])), others.map((key) => block(words(key).replace(/^./, (c) => c.toUpperCase()), counts[key])));
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
    return countsBlocks(hl.counts);
  });
}

export const homePage: Page = { path: '', title: 'Overview', group: 'Sandbox', render };
