// A partner's receiving POS for tests (not the reference POS): its own webhook on port 0, acting on Ocean by itself.
import { createServer, type Server } from 'node:http';
import type * as fhir from '../../../src/fhir/types.js';
import { buildActionMessage } from '../../../src/pos/receiver/build-messages.js';
import type { ReceivedReferral, ReceiverAction } from '../../../src/pos/receiver/model.js';

export type PosAction = 'accept' | 'book' | 'complete' | 'fetch-documents';

export interface PartnerPos {
  /** The webhook URL to register in Ocean. */
  webhook: string;
  /** What it does with a new referral, in order, once it has answered Ocean. */
  plan: PosAction[];
  /** Answers every delivery with a 500 (a broken POS). */
  answer500: boolean;
  /** Real milliseconds it takes before acting on a referral (a background job, not an instant reaction). */
  delayMs: number;
  /** Real milliseconds between its status messages and fetching the documents (a slow job's second half). */
  pauseBeforeDocumentsMs: number;
  /** Events received, oldest first. */
  events: string[];
  /** What it did, a line a call (method, URL, status or error), oldest first: for a failing test's message. */
  log: string[];
  /** Resolves once every action started so far (and any started meanwhile) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const ACTIONS: Record<Exclude<PosAction, 'fetch-documents'>, ReceiverAction> = {
  accept: { type: 'status', status: 'accepted', event: 'notify-add-process-request' },
  book: { type: 'appointment', participantStatus: 'accepted', minutes: 20 },
  complete: { type: 'status', status: 'completed' },
};

type Entry = { fullUrl?: string; resource?: fhir.FhirResource };

/** What the POS keeps of a new referral: the ref and systems it must echo, its site, the documents offered. */
function file(bundle: fhir.Bundle, now: string): { referral: ReceivedReferral; documents: string[] } | undefined {
  const entries = (bundle.entry ?? []) as Entry[];
  const sr = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource as fhir.ServiceRequest | undefined;
  const ref = sr?.identifier?.find((i) => i.system?.endsWith('/id-ereferral-reference'));
  const site = entries.flatMap((e) => (e.resource?.resourceType === 'PractitionerRole' ? ((e.resource as fhir.PractitionerRole).identifier ?? []) : [])).find((i) => i.system?.endsWith('/id-site-number') && i.value !== undefined);
  if (!ref?.value || !ref.system) return undefined;
  const documents = entries.flatMap((e) => (e.resource?.resourceType === 'DocumentReference' ? ((e.resource as fhir.DocumentReference).content ?? []).map((c) => c.attachment?.url ?? '') : [])).filter(Boolean);
  const referral: ReceivedReferral = { ref: ref.value, refSystem: ref.system, siteNum: site?.value, siteSystem: site?.system, receivedAt: now, patientName: 'Test Patient', match: { how: 'none' }, state: 'received', attachments: documents.length, formAnswers: 0, events: [], sent: [] };
  return { referral, documents };
}

export async function startPartnerPos(sandbox: string): Promise<PartnerPos> {
  // Each referral is worked on by itself, as a POS's background jobs do (in one queue, a referral waited out every
  // earlier referral's delays too).
  const pending = new Set<Promise<void>>();
  /** fetch, with a line in the log. */
  const call = async (url: string, init?: RequestInit): Promise<Response> => {
    const at = new Date().toISOString().slice(11, 23);
    try {
      const res = await fetch(url, init);
      pos.log.push(`${at} ${init?.method ?? 'GET'} ${url} → ${res.status}`);
      return res;
    } catch (err) {
      pos.log.push(`${at} ${init?.method ?? 'GET'} ${url} → ${(err as Error).message}`);
      throw err;
    }
  };
  const token = async (siteNum: string | undefined): Promise<Record<string, string>> => {
    if (!siteNum) return {};
    const site = (await (await call(`${sandbox}/admin/ocean/sites/${siteNum}`)).json()) as { clientId: string; clientSecret: string };
    const res = await call(`${sandbox}/ocean/svc/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${site.clientId}:${site.clientSecret}`).toString('base64')}` }, body: 'grant_type=client_credentials' });
    return { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
  };
  const act = async (referral: ReceivedReferral, documents: string[], plan: PosAction[]) => {
    if (pos.delayMs > 0) await new Promise((r) => setTimeout(r, pos.delayMs));
    let auth = await token(referral.siteNum);
    // An Ocean token lasts an hour of the sandbox's clock, which an expect step ticks through in well under a second
    // of real time: like any OAuth client, the POS gets a new token when one is refused, and tries once more.
    const authed = async (url: string, init: RequestInit = {}) => {
      const send = () => call(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...auth } });
      const res = await send();
      if (res.status !== 401) return res;
      await res.arrayBuffer();
      auth = await token(referral.siteNum);
      return send();
    };
    for (const step of plan) {
      if (step === 'fetch-documents') {
        if (pos.pauseBeforeDocumentsMs > 0) await new Promise((r) => setTimeout(r, pos.pauseBeforeDocumentsMs));
        for (const url of documents) await (await authed(url)).arrayBuffer();
        continue;
      }
      const bundle = buildActionMessage(referral, ACTIONS[step], new Date().toISOString(), { self: pos.webhook, ocean: `${sandbox}/ocean/svc/fhir/v1/$process-messages` });
      await (await authed(`${sandbox}/ocean/svc/fhir/v1/$process-messages`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(bundle) })).arrayBuffer();
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { challenge?: string } & fhir.Bundle;
      res.setHeader('content-type', 'application/json');
      if (typeof body.challenge === 'string') return void res.end(JSON.stringify({ challenge: body.challenge }));
      if (pos.answer500) return void ((res.statusCode = 500), res.end('{"error":"partner POS is down"}'));
      const header = body.entry?.find((e) => e.resource?.resourceType === 'MessageHeader')?.resource as fhir.MessageHeader | undefined;
      const event = header?.eventCoding?.code ?? 'unknown';
      pos.events.push(event);
      pos.log.push(`${new Date().toISOString().slice(11, 23)} received ${event}`);
      res.end('{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]}');
      const filed = event === 'add-service-request' ? file(body, new Date().toISOString()) : undefined;
      if (filed) {
        const plan = [...pos.plan];
        const job: Promise<void> = act(filed.referral, filed.documents, plan)
          .catch(() => undefined)
          .finally(() => pending.delete(job));
        pending.add(job);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const pos: PartnerPos = {
    webhook: `http://127.0.0.1:${port}/webhook`,
    plan: [],
    answer500: false,
    delayMs: 0,
    pauseBeforeDocumentsMs: 0,
    events: [],
    log: [],
    idle: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return pos;
}
