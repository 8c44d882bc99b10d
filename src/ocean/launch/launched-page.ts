// The launched page: patient banner, Healthmap search, the pre-filled referral form, attachments, Send, and the conformance panel.
import type { OceanListingSeed } from '../../population/types.js';
import type { Finding } from './conformance.js';
import { searchListings } from './healthmap.js';
import { html, oceanPage, type SafeHtml } from './html.js';
import type { LaunchSession } from './launch-store.js';
import { prefill, QUICK_REFERRAL_FIELDS } from './referral-form.js';

export interface PageInput {
  session: LaunchSession;
  /** `viewMap` (Healthmap), `referDirect` (the form), `portal` (sent referrals). */
  view: string;
  service: string;
  maxKm?: number;
  listingRef?: string;
  listings: readonly OceanListingSeed[];
  /** Base path of this session: `/ocean/sso/smart/session/{id}`. */
  path: string;
  /** The stylesheet and icon folder: `/ocean/sso/smart/assets`. */
  assets: string;
  notice?: string;
  error?: string;
}

/** Maps Ocean's launch actions onto the three views the page has. */
export function viewOf(action: string): 'viewMap' | 'referDirect' | 'portal' {
  if (action === 'referDirect' || action === 'addForm') return 'referDirect';
  if (action === 'portal' || action === 'sendMessage') return 'portal';
  return 'viewMap';
}

export function renderLaunchedPage(p: PageInput): string {
  const s = p.session;
  const view = viewOf(p.view);
  const nav = html`<nav><a href="${p.path}?view=viewMap">Healthmap</a><a href="${p.path}?view=referDirect">Referral form</a><a href="${p.path}?view=portal">Portal</a></nav>`;
  // The EHR's style (smart_style_url) comes after Ocean's own sheet; no banner when the EHR draws its own.
  const style = s.style && Object.keys(s.style).length ? html`<link rel="stylesheet" href="${p.path}/style.css">` : '';
  const body = html`${style}<header class="top">Ocean ${s.siteNum ? html`· site ${s.siteNum}` : ''} ${nav}</header>${s.needPatientBanner === false ? '' : banner(s)}<main>
${p.notice ? html`<p class="sent" id="notice">${p.notice}</p>` : ''}${p.error ? html`<p class="error" id="error">${p.error}</p>` : ''}
${view === 'viewMap' ? healthmap(p) : view === 'referDirect' ? form(p) : portal(p)}
${conformancePanel(s.findings)}</main>`;
  return oceanPage(`Ocean: ${view}`, p.assets, body);
}

function banner(s: LaunchSession): SafeHtml {
  const k = s.keywords;
  if (!s.patient) return html`<div class="banner" id="patient-banner">No patient context: the EHR launched without a patient · signed in as ${s.user.name ?? s.user.fhirUser ?? s.user.key}</div>`;
  return html`<div class="banner" id="patient-banner"><strong>${k['@ptName']}</strong> · born ${k['@ptDob']} · ${k['@ptSex']} · HN ${k['@ptHn']} · ${k['@ptAddress']}, ${k['@ptCity']} ${k['@ptProvince']} · signed in as ${s.user.name ?? s.user.fhirUser ?? s.user.key}</div>`;
}

function healthmap(p: PageInput): SafeHtml {
  const hits = searchListings(p.listings, p.session.patient, p.service, p.maxKm);
  const rows = hits.map((h) => html`<tr><td>${h.listing.title}</td><td>${h.listing.specialty.display ?? h.listing.kind}</td><td>${h.listing.city}</td><td>${h.distanceKm === undefined ? '' : `${h.distanceKm} km`}</td><td><a class="button refer" href="${p.path}?view=referDirect&amp;listing=${encodeURIComponent(h.listing.ref)}">Refer</a></td></tr>`);
  return html`<h1>Healthmap</h1><form method="get" action="${p.path}"><input type="hidden" name="view" value="viewMap">
<label>Service <input name="service" value="${p.service}"></label><label>Within (km) <input name="maxKm" value="${p.maxKm ?? ''}" inputmode="numeric"></label> <button type="submit">Search</button></form>
<table id="listings"><thead><tr><th>Listing</th><th>Service</th><th>City</th><th>Distance</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function form(p: PageInput): SafeHtml {
  const s = p.session;
  const answers = prefill(s.keywords);
  const listing = p.listings.find((l) => l.ref === p.listingRef);
  const listingField = listing
    ? html`<p>To: <strong>${listing.title}</strong> (${listing.city})</p><input type="hidden" name="listing" value="${listing.ref}">`
    : html`<label for="listing">To</label><select id="listing" name="listing">${searchListings(p.listings, s.patient, '').map((h) => html`<option value="${h.listing.ref}">${h.listing.title} (${h.listing.city}${h.distanceKm === undefined ? '' : `, ${h.distanceKm} km`})</option>`)}</select>`;
  const fields = QUICK_REFERRAL_FIELDS.map((f) => f.required
    ? html`<label for="f-${f.linkId}">${f.text} (required)</label><textarea id="f-${f.linkId}" name="item.${f.linkId}" rows="${rows(answers[f.linkId])}" required>${answers[f.linkId] ?? ''}</textarea>`
    : html`<label for="f-${f.linkId}">${f.text}</label><textarea id="f-${f.linkId}" name="item.${f.linkId}" rows="${rows(answers[f.linkId])}">${answers[f.linkId] ?? ''}</textarea>`);
  const atts = s.attachments.length
    ? s.attachments.map((a) => html`<div><label><input type="checkbox" name="attachment" value="${a.id}"> ${a.title} <small>(${a.contentType})</small></label></div>`)
    : html`<p>No chart attachments were shared by the EHR.</p>`;
  return html`<h1>eReferral</h1><form method="post" action="${p.path}/send" id="referral-form">${listingField}${fields}<h2>Attachments</h2>${atts}<p><button type="submit" id="send">Send</button></p></form>`;
}

/** Tall enough to show a pre-filled answer without scrolling, within reason. */
function rows(answer: string | undefined): number {
  return Math.min(14, Math.max(2, (answer ?? '').split('\n').length + 1));
}

function portal(p: PageInput): SafeHtml {
  const rows = p.session.sent.map((r) => html`<tr><td><code>${r.referralRef}</code></td><td>${p.listings.find((l) => l.ref === r.listingRef)?.title ?? r.listingRef}</td><td>${r.at}</td></tr>`);
  return html`<h1>Portal</h1><h2>Referrals sent in this session</h2>${rows.length ? html`<table id="sent"><thead><tr><th>Referral</th><th>To</th><th>Sent</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>None yet.</p>`}`;
}

/** What the launching EHR did wrong or skipped (also in the journal). */
export function conformancePanel(findings: readonly Finding[]): SafeHtml {
  if (findings.length === 0) return html`<section class="panel ok" id="conformance"><h2>EHR conformance</h2><p>The launching EHR did everything Ocean checks.</p></section>`;
  return html`<section class="panel" id="conformance"><h2>EHR conformance</h2><ul>${findings.map((f) => html`<li class="${f.level}">[${f.step}] ${f.text}</li>`)}</ul></section>`;
}

/** The page for a launch that could not go on. */
export function renderLaunchError(step: string, message: string, assets: string, fix?: string): string {
  return oceanPage('Ocean: launch failed', assets, html`<header class="top">Ocean</header><main><h1>The launch could not be completed</h1><p class="stop" id="launch-error">Step: ${step}</p><p class="error">${message}</p>${fix ? html`<pre class="fix"><code>${fix}</code></pre>` : ''}</main>`);
}
