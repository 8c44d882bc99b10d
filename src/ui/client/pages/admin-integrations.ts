// Admin: Ocean sites with their API credentials, and the eReferral integrations (webhooks) Ocean calls.
import { del, get, post } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import type { OceanIntegration, OceanListing, OceanSite } from '../ocean-types.js';
import { act, loadInto, section, when, type Page, type PageContext } from '../page.js';
import { secret } from './admin-partners.js';

async function render(ctx: PageContext): Promise<void> {
  // The list hides secrets: each site's credentials come from its own record.
  const sites = await Promise.all((await get<OceanSite[]>('/admin/ocean/sites')).map((s) => get<OceanSite>(`/admin/ocean/sites/${encodeURIComponent(s.siteNum)}`)));
  const list = h('div', {});
  const load = (): Promise<void> =>
    loadInto(list, async () => {
      const all = await get<OceanIntegration[]>('/admin/ocean/integrations');
      return table(
        ['Site', 'Name', 'Webhook URL', 'Auth', 'Payload', 'Events', 'External Service ID', 'Validated', ''],
        all.map((i) => [
          i.siteNum,
          i.name,
          h('code', {}, i.url),
          i.auth.type,
          i.payloadVersion,
          i.events.join(', '),
          i.externalServiceId ?? '',
          when(i.validatedAt),
          h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Integration removed', () => del(`/admin/ocean/integrations/${encodeURIComponent(i.id)}`)).then(load) }, 'Remove'),
        ]),
        { id: 'integrations' },
      );
    });
  const site = select('siteNum', sites.map((s) => [s.siteNum, `${s.siteNum} · ${s.name}`]));
  const listings = await get<OceanListing[]>('/admin/ocean/listings');
  const linked = h('select', { name: 'listings', multiple: true, size: 3 });
  const drawListings = () => replace(linked, listings.filter((l) => l.siteNum === site.value).map((l) => h('option', { value: l.ref }, l.title)));
  site.addEventListener('change', drawListings);
  drawListings();
  const url = h('input', { name: 'url', placeholder: 'https://your-pos.example/ocean-webhook', required: true, size: 40 });
  const version = select('payloadVersion', ['v0.11', 'v0.10']);
  const esid = h('input', { name: 'externalServiceId', placeholder: 'optional' });
  const form = h('form', { class: 'inline', id: 'integration-form' }, field('Site', site), field('Webhook URL', url), field('Payload', version), field('External Service ID', esid), field('Listings routed here', linked, 'ctrl/⌘-click for several'), h('button', { type: 'submit' }, 'Register (challenge)'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, 'Integration registered', () => post('/admin/ocean/integrations', { siteNum: site.value, url: url.value.trim(), payloadVersion: version.value, externalServiceId: esid.value.trim() || undefined, listings: [...linked.selectedOptions].map((o) => o.value) })).then(load);
  });
  replace(
    ctx.root,
    h('h1', {}, 'Ocean sites and integrations'),
    section('Integrations', list),
    section('Register an integration', form, h('p', { class: 'muted' }, 'Ocean first POSTs {"challenge": …} to the URL and expects it echoed back.')),
    section('Sites and API credentials', sitesTable(sites)),
  );
  await load();
}

/** Sites shown before "Show all": a room sees the few it needs, and finds any other by filtering. */
const FIRST_SITES = 12;

/** The sites with their credentials: a filter by number or name, the first few, and the rest on demand. */
function sitesTable(sites: readonly OceanSite[]): HTMLElement {
  const filter = h('input', { type: 'search', name: 'site-filter', placeholder: 'site number or name' });
  const body = h('div', {});
  let all = false;
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const matching = sites.filter((s) => !q || s.siteNum.includes(q) || s.name.toLowerCase().includes(q));
    const shown = all || q ? matching : matching.slice(0, FIRST_SITES);
    replace(
      body,
      table(['Site', 'Name', 'Client id', 'Client secret', 'Shared encryption key', 'Partner'], shown.map((s) => [s.siteNum, s.name, h('code', {}, s.clientId), secret(s.clientSecret), secret(s.sharedEncryptionKey), s.partner ?? '']), { id: 'sites' }),
      shown.length < matching.length
        ? h('button', { type: 'button', class: 'secondary', id: 'show-all-sites', onclick: () => ((all = true), draw()) }, `Show all ${matching.length} sites`)
        : null,
    );
  };
  filter.addEventListener('input', draw);
  draw();
  return h('div', {}, h('div', { class: 'filters' }, field('Filter', filter)), body);
}

export const integrationsPage: Page = { path: 'integrations', title: 'Ocean integrations', group: 'Admin', render };
