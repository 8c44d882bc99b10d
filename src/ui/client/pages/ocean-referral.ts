// One referral as Ocean's referral page shows it: status and folders, form, attachments, appointments, messages, event log.
import { get, post } from '../api.js';
import { h, replace, table, type Child } from '../dom.js';
import { kv, personName, valueText } from '../fhir-view.js';
import type { OceanListing, OceanSite, ReferralView } from '../ocean-types.js';
import { act, confirmButton, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';

type Json = Record<string, unknown>;

interface Directory {
  sites: Map<string, OceanSite>;
  listings: Map<string, OceanListing>;
}

function appointmentRow(a: Json): Child[] {
  const participants = (a.participant as Json[] | undefined) ?? [];
  const start = typeof a.start === 'string' ? when(a.start) : '';
  const end = typeof a.end === 'string' ? when(a.end) : '';
  return [valueText(a.status), h('span', { class: 'nowrap' }, start), h('span', { class: 'nowrap' }, end), participants.map((p) => h('div', {}, `${actorText(p.actor)} ${valueText(p.status)}`)), valueText(a.description ?? a.comment), valueText(a.patientInstruction)];
}

/** A participant or sender reference: its display, else its type (contained urn:uuid references mean nothing to a reader). */
function actorText(ref: unknown): string {
  const r = (ref ?? {}) as { display?: string; reference?: string };
  if (r.display) return r.display;
  const type = /^([A-Z][A-Za-z]+)\//.exec(r.reference ?? '')?.[1];
  return type ?? (r.reference?.startsWith('urn:') ? 'in-message resource' : '');
}

/** Messages the receiver posted carry a sender; those the referrer wrote in the portal do not. */
function communicationRow(c: Json, r: ReferralView, dir: Directory): Child[] {
  const payload = ((c.payload as Json[] | undefined) ?? []).map((p) => h('div', {}, valueText(p.contentString ?? p.contentAttachment)));
  const receiver = r.receivers.at(-1);
  const display = (c.sender as { display?: string } | undefined)?.display;
  const from = c.sender ? `Receiver${receiver ? ` · ${dir.sites.get(receiver.siteNum)?.name ?? receiver.siteNum}` : ''}${display ? ` (${display})` : ''}` : `Referrer · ${dir.sites.get(r.senderSiteNum)?.name ?? r.senderSiteNum}`;
  return [h('span', { class: 'nowrap' }, typeof c.sent === 'string' ? when(c.sent) : ''), from, valueText(c.status), payload];
}

function documentsView(r: ReferralView): HTMLElement {
  const ref = encodeURIComponent(r.ref);
  const letter = `/ui/api/ocean/referrals/${ref}/letter`;
  return section(
    'Attachments and letter',
    h(
      'div',
      { class: 'doc-links', id: 'documents' },
      h('a', { href: letter, target: '_blank', rel: 'noopener', 'data-doc': 'letter' }, 'Referral letter (PDF, $letter)'),
      r.attachments.length ? h('a', { href: `${letter}?attachments=true`, target: '_blank', rel: 'noopener', 'data-doc': 'letter-with-attachments' }, 'Letter with attachments') : null,
    ),
    table(
      ['Title', 'Type', 'Size', ''],
      r.attachments.map((a) => {
        const url = `/ui/api/ocean/referrals/${ref}/attachments/${encodeURIComponent(a.id)}`;
        return [h('a', { href: url, target: '_blank', rel: 'noopener', 'data-attachment': a.id }, a.title), a.contentType, `${a.size} bytes`, h('a', { href: `${url}?download=1` }, 'download')];
      }),
      { id: 'attachments' },
    ),
    h('p', { class: 'muted' }, 'Fetched from Ocean ($letter, DocumentReference/$binary) with a token for the sending site, as its POS would.'),
  );
}

function referralBody(ctx: PageContext, r: ReferralView, dir: Directory, reload: () => Promise<void>, messageForm: HTMLElement): HTMLElement[] {
  const ref = encodeURIComponent(r.ref);
  const siteName = (n: string) => `${dir.sites.get(n)?.name ?? 'site'} (${n})`;
  return [
    h('h1', {}, `Referral for ${personName(r.patient.name) || 'an unnamed patient'} `, h('code', { id: 'referral-ref', class: 'short' }, r.ref)),
    section(
      'Status',
      kv([
        ['State', h('strong', { id: 'referral-state' }, r.state)],
        ['Sent folder', h('span', { id: 'sent-folder' }, r.folders.sent)],
        ['Received folder', h('span', { id: 'received-folder' }, r.folders.received)],
        ['ServiceRequest', r.serviceRequestStatus],
        ['Priority', r.priority],
        ['Patient', `${valueText(r.patient.name)} · ${valueText(r.patient.birthDate)} · ${valueText(r.patient.identifier)}`],
        ['Sender site', h('a', { href: `#/ocean?site=${encodeURIComponent(r.senderSiteNum)}&folder=sent:Sent (All)` }, siteName(r.senderSiteNum))],
        ['Requester', h('a', { href: `#/plr?identifier=${encodeURIComponent(r.requesterIpc)}&op=extendedQuery` }, r.requesterIpc)],
        [
          'Receivers',
          r.receivers.map((x, i) =>
            h('div', {}, h('a', { href: `#/ocean?site=${encodeURIComponent(x.siteNum)}&folder=received:Received (All)` }, dir.listings.get(x.listingRef)?.title ?? x.listingRef), ` · ${siteName(x.siteNum)} since ${when(x.at)}`, i < r.receivers.length - 1 ? ' · forwarded' : ''),
          ),
        ],
        ['Created / updated', `${when(r.createdAt)} / ${when(r.updatedAt)}`],
      ]),
      h(
        'div',
        { class: 'buttons' },
        h('a', { href: `#/timeline?correlation=${ref}` }, 'Exchanges on the timeline'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Resent as new', () => post(`/admin/ocean/referrals/${ref}/resend`, { mode: 'new' })).then(reload) }, 'Resend as new'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Resent as updated', () => post(`/admin/ocean/referrals/${ref}/resend`, { mode: 'updated' })).then(reload) }, 'Resend as updated'),
        r.state === 'cancelled' ? null : confirmButton('Cancel (sender)', 'Click again to cancel', () => act(ctx, 'Referral cancelled', () => post(`/admin/ocean/referrals/${ref}/cancel`, { reason: 'Cancelled from the dashboard' })).then(reload)),
      ),
    ),
    section('Form', h('p', { class: 'muted' }, r.form.formRef), table(['Field', 'Question', 'Answer'], r.form.items.map((i) => [i.linkId, i.text ?? '', i.answer ?? ''])), r.note ? h('p', {}, r.note) : null),
    documentsView(r),
    section('Appointments', r.bookingInstructions ? h('p', {}, 'Booking instructions: ', r.bookingInstructions) : null, table(['Status', 'Start', 'End', 'Participants', 'Description', 'Patient instruction'], r.appointments.map(appointmentRow), { id: 'appointments' })),
    section('Messages', table(['Sent', 'From', 'Status', 'Text'], r.communications.map((c) => communicationRow(c, r, dir)), { id: 'messages' }), r.state === 'cancelled' ? null : messageForm),
    section(
      'Event log',
      table(
        ['#', 'At', 'Event', 'By', 'Detail'],
        r.events.map((e) => [String(e.seq), h('span', { class: 'nowrap' }, when(e.at)), e.kind, e.actor === 'ocean' ? 'Ocean' : siteName(e.actor), h('div', {}, e.text, (e.warnings ?? []).map((w) => h('div', { class: 'warning' }, `warning: ${w}`)), (e.deliveryIds ?? []).map((d) => h('div', {}, h('a', { href: `#/timeline?correlation=${encodeURIComponent(d)}` }, `delivery ${d}`))))]),
        { id: 'event-log' },
      ),
    ),
  ];
}

/**
 * The referrer writes to the receiver: Ocean sends send-communication-from-requester to the receiver's integration.
 * Built once per page and re-attached on every refresh, so a refresh never wipes what is being typed.
 */
function referrerMessageForm(ctx: PageContext, ref: string, reload: () => Promise<void>): HTMLElement {
  const text = h('textarea', { id: 'referrer-message', rows: 2, placeholder: 'A message from the referrer to the receiver' });
  const send = (ev: Event) => {
    ev.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    void act(ctx, 'Message sent to the receiver', () => post(`/admin/ocean/referrals/${ref}/messages`, { text: value })).then((sent) => {
      if (sent) text.value = '';
      return reload();
    });
  };
  return h('form', { class: 'inline', id: 'referrer-message-form', onsubmit: send }, text, h('button', { type: 'submit' }, 'Send as the referrer'));
}

async function render(ctx: PageContext): Promise<void> {
  const ref = ctx.segments[0] ?? '';
  const [sites, listings] = await Promise.all([get<OceanSite[]>('/admin/ocean/sites'), get<OceanListing[]>('/admin/ocean/listings')]);
  const dir: Directory = { sites: new Map(sites.map((x) => [x.siteNum, x])), listings: new Map(listings.map((l) => [l.ref, l])) };
  let messageForm: HTMLElement | undefined;
  const load = async () => {
    const r = await get<ReferralView>(`/admin/ocean/referrals/${encodeURIComponent(ref)}`);
    messageForm ??= referrerMessageForm(ctx, encodeURIComponent(r.ref), load);
    replace(ctx.root, referralBody(ctx, r, dir, load, messageForm));
  };
  // Watching before the first load: a change while it loads is shown too.
  refreshOnActivity(ctx, load);
  await load();
}

export const oceanReferralPage: Page = { path: 'referral', title: 'Referral', group: 'Ocean', hidden: true, render };
