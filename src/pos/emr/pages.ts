// The EMR's pages: a patient list and a chart with the "Launch Ocean" button, which starts a SMART EHR launch.
import { providerByIpc } from '../../population/index.js';
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import type * as fhir from '../../fhir/types.js';
import { opaque, type GrantStore } from './grants.js';
import { emrPage, html, pageCsp, type SafeHtml } from './html.js';
import { displayName, emrChart, emrPatient, emrPatientId, indexOfPatientId } from './patient-view.js';
import { scanNote, searchPatients } from './patient-search.js';
import { EMR_PATH, findClient, LIFETIMES, listClients, oceanClient } from './registration.js';
import { emrUrls } from './smart-configuration.js';
import { EMR_CSS, EMR_ICON } from './styles.js';

/** Ocean's launch actions the EMR offers (see docs/smart-launch.md#the-launch-url). */
export const LAUNCH_ACTIONS = ['viewMap', 'referDirect', 'portal'] as const;

/** Mounted at `/pos/emr`. */
export function createPagesRouter(deps: AppDeps, grants: GrantStore): express.Router {
  const router = express.Router();
  const base = deps.config.baseUrl;
  const assets = `${base}${EMR_PATH}/assets`;
  const launchOrigins = () => [...new Set(listClients(deps.store, base).flatMap((a) => (a.launchUrl ? [new URL(a.launchUrl).origin] : [])))];
  const send = (res: Response, status: number, title: string, body: SafeHtml) =>
    res.status(status).set('Content-Security-Policy', pageCsp(launchOrigins())).type('html').send(emrPage(title, assets, body));
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  router.get('/assets/emr.css', (_req, res) => void res.type('text/css').send(EMR_CSS));
  router.get('/assets/icon.svg', (_req, res) => void res.type('image/svg+xml').send(EMR_ICON));

  router.get('/', async (req: Request, res: Response) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const { found: indexes, scanned } = q ? await searchPatients(deps, /^\d{10}$/.test(q) ? { identifier: q } : { name: q }) : { found: [...take(deps.population.clients(), 25)].map((c) => c.index), scanned: undefined };
    const rows = indexes.map((i) => {
      const p = emrPatient(deps.population, i, base);
      return html`<tr><td><a href="${EMR_PATH}/patients/${p.id!}">${displayName(p)}</a></td><td>${p.birthDate ?? ''}</td><td>${p.gender ?? ''}</td><td>${deps.population.client(i).phn}</td></tr>`;
    });
    send(res, 200, 'Reference EMR: patients', html`<header class="bar">Reference EMR <span>signed in as ${userName(deps)}</span></header><main><h1>Patients</h1>
<form method="get" action="${EMR_PATH}/"><label>Name or PHN <input name="q" value="${q}"></label> <button type="submit">Search</button></form>
<table><thead><tr><th>Name</th><th>Born</th><th>Gender</th><th>PHN</th></tr></thead><tbody>${rows}</tbody></table>${scanned === undefined ? '' : html`<p class="note">${scanNote(scanned, deps.population.options.sizes.patients)}.</p>`}
<p class="note">FHIR base (the <code>iss</code>): <code>${emrUrls(base).fhirBase}</code></p></main>`);
  });

  router.get('/patients/:id', (req: Request, res: Response) => {
    const i = indexOfPatientId(String(req.params.id), deps.population);
    if (i === undefined) return send(res, 404, 'No such patient', html`<main><h1>No such patient</h1><p class="error">Patient ${String(req.params.id)} is not in this EMR.</p><p><a href="${EMR_PATH}/">Back to the list</a></p></main>`);
    const p = emrPatient(deps.population, i, base);
    const chart = emrChart(deps.population, i);
    const sites = deps.population.oceanSites();
    send(res, 200, `Chart: ${displayName(p)}`, html`<header class="bar">Reference EMR <span>signed in as ${userName(deps)}</span></header><main>
<p><a href="${EMR_PATH}/">All patients</a></p><h1>${displayName(p)}</h1>
<p class="banner">Born ${p.birthDate ?? '?'} · ${p.gender ?? ''} · PHN ${deps.population.client(i).phn} · MRN MRN${i}</p>
<form method="post" action="${EMR_PATH}/patients/${p.id!}/launch" class="launch">
<label>Ocean site <select name="siteNum">${sites.map((s) => html`<option value="${s.siteNum}">${s.siteNum} ${s.name}</option>`)}</select></label>
<label>Open at <select name="action">${LAUNCH_ACTIONS.map((a) => html`<option value="${a}">${a}</option>`)}</select></label>
<button type="submit" id="launch-ocean">Launch Ocean</button></form>
${otherApps(deps, p.id!)}
<h2>Chart</h2>${chartTable(chart)}</main>`);
  });

  router.post('/patients/:id/launch', form, (req: Request, res: Response) => {
    const i = indexOfPatientId(String(req.params.id), deps.population);
    if (i === undefined) return send(res, 404, 'No such patient', html`<main><p class="error">Patient ${String(req.params.id)} is not in this EMR.</p></main>`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const ocean = oceanClient(base);
    const appId = typeof body.app === 'string' && body.app ? body.app : ocean.clientId;
    const app = findClient(deps.store, base, appId);
    if (!app?.launchUrl) return send(res, 400, 'Cannot launch', html`<main><p class="error">No app "${appId}" with a launch URL is registered with this EMR (POST /admin/pos/emr/clients {clientId, redirectUris, launchUrl}).</p></main>`);
    const isOcean = app.clientId === ocean.clientId;
    const action = typeof body.action === 'string' && (LAUNCH_ACTIONS as readonly string[]).includes(body.action) ? body.action : 'viewMap';
    const siteNum = !isOcean ? undefined : typeof body.siteNum === 'string' && body.siteNum ? body.siteNum : deps.population.oceanSites()[0]?.siteNum;
    const launch = opaque();
    const now = deps.clock.now();
    grants.putLaunch({ id: launch, patientIndex: i, userIpc: deps.population.fixtures.familyPhysicianIpc, clientId: app.clientId, siteNum, expiresAt: now + LIFETIMES.launch * 1000 }, now);
    // The EHR launch: iss + launch for every app; Ocean also reads action and siteNum (docs/smart-launch.md#the-launch-url).
    const url = new URL(app.launchUrl);
    url.searchParams.set('iss', emrUrls(base).fhirBase);
    url.searchParams.set('launch', launch);
    if (isOcean) url.searchParams.set('action', action);
    if (siteNum) url.searchParams.set('siteNum', siteNum);
    res.redirect(303, url.toString());
  });
  return router;
}

function* take<T>(items: Iterable<T>, n: number): Iterable<T> {
  if (n <= 0) return;
  for (const item of items) {
    yield item;
    if (--n <= 0) return;
  }
}

/** A button per other registered app that has a launch URL (your own SMART app under test). */
function otherApps(deps: AppDeps, patientId: string): SafeHtml | string {
  const apps = listClients(deps.store, deps.config.baseUrl).filter((a) => a.launchUrl && a.clientId !== oceanClient(deps.config.baseUrl).clientId);
  if (apps.length === 0) return '';
  return html`<form method="post" action="${EMR_PATH}/patients/${patientId}/launch" class="launch" id="other-apps"><span>Other SMART apps</span>${apps.map((a) => html`<button type="submit" name="app" value="${a.clientId}">Launch ${a.name}</button>`)}</form>`;
}

function userName(deps: AppDeps): string {
  const p = providerByIpc(deps.population, deps.population.fixtures.familyPhysicianIpc);
  const n = p?.practitioner.name?.[0];
  return n ? `Dr. ${[...(n.given ?? []), n.family ?? ''].join(' ').trim()}` : deps.population.fixtures.familyPhysicianIpc;
}

const SECTIONS: Readonly<Record<string, string>> = {
  Condition: 'Problems and history', MedicationStatement: 'Medications', AllergyIntolerance: 'Allergies', Immunization: 'Immunizations',
  FamilyMemberHistory: 'Family history', Observation: 'Observations', Procedure: 'Procedures', Appointment: 'Appointments', DocumentReference: 'Documents',
};

/** The chart, one section per resource type (the order $everything returns). */
function chartTable(chart: fhir.FhirResource[]): SafeHtml {
  const types = [...new Set(chart.map((r) => r.resourceType))];
  return html`${types.map((t) => {
    const rows = chart.filter((r) => r.resourceType === t).map((r) => html`<tr><td>${summary(r)}</td></tr>`);
    return html`<h3>${SECTIONS[t] ?? t} <small>(${rows.length})</small></h3><table class="chart"><tbody>${rows}</tbody></table>`;
  })}`;
}

function summary(r: fhir.FhirResource): string {
  const div = (r as { text?: fhir.Narrative }).text?.div;
  if (div) return div.replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const code = (r as { code?: fhir.CodeableConcept }).code;
  return code?.text ?? code?.coding?.[0]?.display ?? r.id ?? '';
}

export { emrPatientId };
