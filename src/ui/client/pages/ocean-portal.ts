// Ocean portal per site: Sent and Received folders with counts, the referrals of a folder, and a new referral (Ocean as sender).
import { get, post, qs } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import { personName } from '../fhir-view.js';
import { folderButtons, inFolder, loadPlaced } from '../folders.js';
import { RECEIVED_ALL, RECEIVED_FOLDERS, SENT_ALL, SENT_FOLDERS, type OceanListing, type OceanSite, type ReferralView } from '../ocean-types.js';
import { act, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';

/** Rows drawn with their patient and state (one detail read each), at most this many per folder. */
const MAX_ROWS = 50;

async function render(ctx: PageContext): Promise<void> {
  const sites = await get<OceanSite[]>('/admin/ocean/sites');
  const site = ctx.params.get('site') ?? sites[0]?.siteNum ?? '';
  let current = ctx.params.get('folder');
  const siteSelect = select('site', sites.map((s) => [s.siteNum, `${s.siteNum} · ${s.name}`]), site);
  siteSelect.addEventListener('change', () => ctx.go(`#/ocean${qs({ site: siteSelect.value })}`));
  const go = (side: string, folder: string) => ctx.go(`#/ocean${qs({ site, folder: `${side}:${folder}` })}`);
  const sent = h('div', {});
  const received = h('div', {});
  const list = h('div', { id: 'folder-list' });
  const listings = new Map((await get<OceanListing[]>('/admin/ocean/listings')).map((l) => [l.ref, l]));
  const siteName = (n: string) => sites.find((s) => s.siteNum === n)?.name ?? n;

  const load = async () => {
    const placed = await loadPlaced(site, listings);
    // With no folder asked for, open the side that has referrals: a site that only sends opens on Sent.
    current ??= !placed.some((p) => inFolder(p, 'received', RECEIVED_ALL)) && placed.some((p) => inFolder(p, 'sent', SENT_ALL)) ? `sent:${SENT_ALL}` : `received:${RECEIVED_ALL}`;
    const [side = 'received', ...rest] = current.split(':');
    const folder = rest.join(':');
    const shown = placed.filter((p) => inFolder(p, side, folder)).sort((a, b) => b.r.createdAt.localeCompare(a.r.createdAt));
    const details = await Promise.all(shown.slice(0, MAX_ROWS).map((p) => get<ReferralView>(`/admin/ocean/referrals/${encodeURIComponent(p.r.ref)}`).catch(() => undefined)));
    replace(sent, folderButtons('sent', SENT_FOLDERS, placed, current, go));
    replace(received, folderButtons('received', RECEIVED_FOLDERS, placed, current, go));
    replace(
      list,
      h('h3', {}, `${side === 'sent' ? 'Sent' : 'Received'} · ${folder}`),
      table(
        ['Patient', 'Reason', side === 'sent' ? 'To' : 'From', 'Folder', 'Updated', 'Referral'],
        shown.slice(0, MAX_ROWS).map((p, i) => {
          const d = details[i];
          const reason = d?.form.items.find((x) => x.linkId === 'reason')?.answer ?? d?.note ?? '';
          const other = side === 'sent' ? (listings.get(p.r.receiver)?.title ?? p.r.receiver) : siteName(p.r.sender);
          return [
            h('a', { href: `#/referral/${encodeURIComponent(p.r.ref)}`, class: 'patient' }, d ? personName(d.patient.name) || '(no name)' : p.r.ref),
            reason,
            other,
            h('span', { class: `pill folder-pill` }, p.folder),
            h('span', { class: 'nowrap' }, when(d?.updatedAt ?? p.r.createdAt)),
            h('code', { class: 'short', title: p.r.ref }, p.r.ref.slice(0, 8)),
          ];
        }),
        { class: 'referrals' },
      ),
      shown.length > MAX_ROWS ? h('p', { class: 'muted' }, `${shown.length - MAX_ROWS} older referrals not shown.`) : null,
    );
  };

  const targets = [...listings.values()].filter((l) => l.acceptsReferrals && l.siteNum !== site);
  const listing = select('listingRef', targets.map((l) => [l.ref, `${l.title} (${l.city})`]));
  const phn = h('input', { name: 'phn', placeholder: 'PHN, e.g. 9876543218', required: true });
  const reason = h('input', { name: 'reason', placeholder: 'Reason for referral', value: 'Please assess' });
  const form = h('form', { class: 'inline', id: 'new-referral' }, field('To listing', listing), field('PHN', phn), field('Reason', reason), h('button', { type: 'submit' }, 'Send referral'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, 'Referral sent', () => post('/admin/ocean/referrals', { siteNum: site, listingRef: listing.value, phn: phn.value.trim(), reason: reason.value })).then(load);
  });

  replace(
    ctx.root,
    h('h1', {}, 'Ocean portal · ', siteName(site)),
    h('div', { class: 'filters' }, field('Site', siteSelect)),
    h('div', { class: 'grid2' }, section('Sent', sent), section('Received', received)),
    section('Referrals', list),
    section('New referral from this site (Ocean as sender)', targets.length ? form : h('p', { class: 'muted' }, 'No other site has a listing that accepts referrals.')),
  );
  // Watching before the first load: a change while it loads is shown too.
  refreshOnActivity(ctx, load);
  await load();
}

export const oceanPortalPage: Page = { path: 'ocean', title: 'Portal folders', group: 'Ocean', render };
