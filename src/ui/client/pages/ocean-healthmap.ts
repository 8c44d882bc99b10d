// Healthmap listing search: the directory a sender picks a receiver from (by text, kind and city).
import { get } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import type { OceanListing } from '../ocean-types.js';
import { section, type Page, type PageContext } from '../page.js';

async function render(ctx: PageContext): Promise<void> {
  const listings = await get<OceanListing[]>('/admin/ocean/listings');
  const text = h('input', { name: 'q', placeholder: 'service, specialty or name', value: ctx.params.get('q') ?? '' });
  const kind = select('kind', ['', ...new Set(listings.map((l) => l.kind))], ctx.params.get('kind') ?? '');
  const city = select('city', ['', ...[...new Set(listings.map((l) => l.city))].sort()], ctx.params.get('city') ?? '');
  const accepting = h('input', { type: 'checkbox', name: 'accepting', checked: true });
  const results = h('div', { id: 'listings' });
  const draw = () => {
    const q = text.value.trim().toLowerCase();
    const hits = listings.filter(
      (l) =>
        (!q || `${l.title} ${l.specialty?.display ?? ''} ${l.specialty?.code ?? ''} ${l.ref}`.toLowerCase().includes(q)) &&
        (!kind.value || l.kind === kind.value) &&
        (!city.value || l.city === city.value) &&
        (!accepting.checked || l.acceptsReferrals),
    );
    replace(
      results,
      h('p', { class: 'muted' }, `${hits.length} of ${listings.length} listings`),
      table(
        ['Listing', 'Ref', 'Kind', 'Specialty', 'City', 'Site', 'Accepts referrals', 'External Service ID'],
        hits.map((l) => [h('strong', {}, l.title), h('code', {}, l.ref), l.kind, l.specialty?.display ?? l.specialty?.code ?? '', l.city, l.siteNum, l.acceptsReferrals ? 'yes' : 'no', l.externalServiceId ?? '']),
      ),
    );
  };
  for (const c of [text, kind, city, accepting]) c.addEventListener('input', draw);
  replace(ctx.root, h('h1', {}, 'Healthmap listings'), h('div', { class: 'filters' }, field('Search', text), field('Kind', kind), field('City', city), field('Accepting referrals', accepting)), section('Listings', results));
  draw();
}

export const healthmapPage: Page = { path: 'healthmap', title: 'Healthmap', group: 'Ocean', render };
