// The soak's load generator (a child process): mixed traffic on every surface, a webhook failing half its calls,
// a WebSocket subscriber that never reads, and the clock advanced 5 minutes at a time. Reports on 'tick'.
import { createServer } from 'node:http';
import { WebSocket } from 'ws';

const base = process.argv[2]!;
const FHIR = 'application/fhir+json';
const PLR = `${base}/plr/HSA-web/fhir-rs`;
const PHN_SYSTEM = 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-patient-health-number';
const PHNS = ['9876543218', '9876543257', '9876543264', '9876543271', '9876543289', '9876543296'];
let n = 0;
let requests = 0;
let errors = 0;
let health: number[] = [];

// Ocean's webhook: answers the challenge, then fails every other delivery.
let calls = 0;
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const challenge = /"challenge"\s*:\s*"([^"]*)"/.exec(body)?.[1];
    if (challenge !== undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge }));
    res.writeHead(++calls % 2 ? 500 : 200).end();
  });
});
await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;

const post = (url: string, body: unknown, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'content-type': type, userid: 'demo@IDIR' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const hcimBundle = (resource: unknown) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `soak-${++n}` }] } }, { resource }] });
const big = JSON.stringify({ resourceType: 'Bundle', type: 'message', entry: [{ resource: { resourceType: 'Basic', text: { div: 'x'.repeat(200_000) } } }] });

const ops: Array<[number, () => Promise<Response>]> = [
  [30, () => post(`${base}/hcim/fhir/Patient/$GetDemographics`, hcimBundle({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: PHNS[n % PHNS.length] }] }), FHIR)],
  [15, () => fetch(`${PLR}/Practitioner/$entityQuery?identifier=IPC.00100001.BC.PRS`, { headers: { userid: 'demo@IDIR' } })],
  [10, () => fetch(`${base}/ocean/svc/fhir/v1/NamingSystem/id-site-number`)],
  [8, () => post(`${base}/admin/ocean/referrals`, { phn: '9876543218', listingRef: 'broadway_medical_ima-7310042', reason: `soak ${++n}` })],
  [5, () => post(`${base}/pos/receiver/$process-message`, big)],
  [2, () => post(`${base}/pos/receiver/hcim/notification`, { resourceType: 'Bundle', type: 'message', id: `n-${++n}` })],
];
const total = ops.reduce((s, [w]) => s + w, 0);
const pick = () => {
  let r = Math.random() * total;
  for (const [w, op] of ops) if ((r -= w) < 0) return op;
  return ops[0]![1];
};

async function worker(): Promise<void> {
  for (;;) {
    try {
      const res = await pick()();
      await res.arrayBuffer();
      requests += 1;
      if (res.status >= 500) errors += 1;
    } catch {
      errors += 1;
    }
  }
}

async function healthPoller(): Promise<void> {
  for (;;) {
    const t0 = performance.now();
    await (await fetch(`${base}/admin/health`)).arrayBuffer();
    health.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const integration = await post(`${base}/admin/ocean/integrations`, { siteNum: '1008', url: hookUrl, listings: ['broadway_medical_ima-7310042'] });
if (integration.status !== 201) throw new Error(`integration refused: ${integration.status} ${await integration.text()}`);
const lazy = new WebSocket(`${base.replace(/^http/, 'ws')}/admin/events`);
let lazyClose: number | undefined;
// Never reads for 90 s (the server must drop it rather than buffer), then reads, to see the close code.
lazy.once('open', () => {
  const socket = (lazy as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  socket.pause();
  setTimeout(() => socket.resume(), 90_000);
});
lazy.once('close', (code) => (lazyClose = code));
setInterval(() => void post(`${base}/admin/clock/advance`, { duration: 'PT5M' }).catch(() => undefined), 15_000);
for (let i = 0; i < 4; i++) void worker();
void healthPoller();

process.on('message', () => {
  const sorted = [...health].sort((a, b) => a - b);
  process.send!({ requests, errors, healthP50: sorted[Math.floor(sorted.length / 2)] ?? 0, lazySubscriberClosed: lazyClose ?? null });
  requests = 0;
  errors = 0;
  health = [];
});
