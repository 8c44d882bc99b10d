// One referral as Ocean's referral page shows it: status and folders, form, attachments, appointments, messages, event log.
import { get, post } from '../api.js';
import { h, replace, table } from '../dom.js';
import { kv, valueText } from '../fhir-view.js';
import type { ReferralView } from '../ocean-types.js';
import { act, confirmButton, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';

type Json = Record<string, unknown>;

function appointmentRow(a: Json): string[] {
  const participants = (a.participant as Json[] | undefined) ?? [];
  return [valueText(a.status), valueText(a.start), valueText(a.end), participants.map((p) => `${valueText(p.actor)} ${valueText(p.status)}`).join('; '), valueText(a.description ?? a.comment)];
}

function communicationRow(c: Json): string[] {
  const payload = ((c.payload as Json[] | undefined) ?? []).map((p) => valueText(p.contentString ?? p.contentAttachment)).join('\n');
  return [valueText(c.sent), valueText(c.sender), valueText(c.status), payload];
}

function referralBody(ctx: PageContext, r: ReferralView, reload: () => Promise<void>): HTMLElement[] {
  const ref = encodeURIComponent(r.ref);
  return [
    h('h1', {}, 'Referral ', h('code', { id: 'referral-ref' }, r.ref)),
    section(
      'Status',
      kv([
        ['State', h('strong', { id: 'referral-state' }, r.state)],
        ['Sent folder', h('span', { id: 'sent-folder' }, r.folders.sent)],
        ['Received folder', h('span', { id: 'received-folder' }, r.folders.received)],
        ['ServiceRequest', r.serviceRequestStatus],
        ['Priority', r.priority],
        ['Patient', `${valueText(r.patient.name)} · ${valueText(r.patient.birthDate)} · ${valueText(r.patient.identifier)}`],
        ['Sender site', r.senderSiteNum],
        ['Requester', r.requesterIpc],
        ['Receivers', r.receivers.map((x) => h('div', {}, `${x.listingRef} (site ${x.siteNum}) since ${when(x.at)}`))],
        ['Forwarded by', r.folders.forwardedBy.map((x) => h('div', {}, x.listingRef))],
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
    section('Attachments', table(['Title', 'Type', 'Size'], r.attachments.map((a) => [a.title, a.contentType, `${a.size} bytes`]))),
    section('Appointments', r.bookingInstructions ? h('p', {}, 'Booking instructions: ', r.bookingInstructions) : null, table(['Status', 'Start', 'End', 'Participants', 'Note'], r.appointments.map(appointmentRow), { id: 'appointments' })),
    section('Messages', table(['Sent', 'From', 'Status', 'Text'], r.communications.map(communicationRow), { id: 'messages' })),
    section(
      'Event log',
      table(
        ['#', 'At', 'Event', 'By', 'Detail'],
        r.events.map((e) => [String(e.seq), when(e.at), e.kind, e.actor, h('div', {}, e.text, (e.warnings ?? []).map((w) => h('div', { class: 'error' }, w)), (e.deliveryIds ?? []).map((d) => h('div', {}, h('a', { href: `#/timeline?correlation=${encodeURIComponent(d)}` }, `delivery ${d}`))))]),
        { id: 'event-log' },
      ),
    ),
  ];
}

async function render(ctx: PageContext): Promise<void> {
  const ref = ctx.segments[0] ?? '';
  const load = async () => {
    const r = await get<ReferralView>(`/admin/ocean/referrals/${encodeURIComponent(ref)}`);
    replace(ctx.root, referralBody(ctx, r, load));
  };
  await load();
  refreshOnActivity(ctx, load);
}

export const oceanReferralPage: Page = { path: 'referral', title: 'Referral', group: 'Ocean', hidden: true, render };
