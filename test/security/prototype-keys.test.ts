// Finding 4 (outside the store) and finding 10: client input naming an Object.prototype member finds nothing and gets a 4xx.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { EVENT_SYSTEM, EXT } from '../../src/ocean/codes.js';
import { createTestSandbox } from '../support/sandbox.js';

const PROTO_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

let sandbox: Sandbox;
let ref: string;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: false } });
  const fx = sandbox.deps.population.fixtures;
  const listing = (await request(sandbox.app).get('/admin/ocean/listings')).body as Array<{ ref: string; siteNum: string }>;
  const sender = listing.find((l) => l.ref !== fx.imagingListingRef)!.siteNum;
  const created = await request(sandbox.app).post('/admin/ocean/referrals').send({ phn: fx.ordinaryPatientPhn, listingRef: fx.imagingListingRef, siteNum: sender });
  expect(created.status).toBe(201);
  ref = created.body.ref;
});
afterAll(() => sandbox.close());

const oceanMessage = (event: string, taskStatus = 'accepted') => ({
  resourceType: 'Bundle',
  type: 'message',
  entry: [
    {
      fullUrl: 'urn:uuid:h1',
      resource: {
        resourceType: 'MessageHeader',
        id: crypto.randomUUID(),
        meta: { profile: ['http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eReferral-profile-MessageHeader|1.0.1'] },
        extension: [{ url: EXT.referralIdentifier, valueIdentifier: { system: 'id-ereferral-reference', value: ref } }],
        eventCoding: { system: EVENT_SYSTEM, code: event },
        source: { endpoint: 'https://pos.example/fhir' },
        focus: [{ reference: 'Task/t1' }],
      },
    },
    { fullUrl: 'urn:uuid:t1', resource: { resourceType: 'Task', id: 't1', status: taskStatus, intent: 'order', basedOn: [{ reference: `ServiceRequest/${ref}` }] } },
  ],
});
const processMessages = (body: unknown) => request(sandbox.app).post('/ocean/svc/fhir/v1/$process-messages').set('Content-Type', 'application/fhir+json').send(JSON.stringify(body));

describe('prototype keys in client input', () => {
  for (const key of PROTO_KEYS) {
    it(`answers _format=${key} with a 406 outcome, not a 200 octet-stream`, async () => {
      const res = await request(sandbox.app).get(`/plr/HSA-web/fhir-rs/metadata?_format=${key}`);
      expect(res.status).toBe(406);
      expect(res.body.resourceType).toBe('OperationOutcome');
    });

    it(`refuses Ocean eventCoding.code "${key}" as an unknown event (400 code-invalid)`, async () => {
      const res = await processMessages(oceanMessage(key));
      expect(res.status).toBe(400);
      expect(res.body.issue[0].code).toBe('code-invalid');
      expect(res.body.issue[0].expression).toEqual(['MessageHeader.eventCoding.code']);
    });

    it(`refuses Ocean Task.status "${key}" as a status Ocean does not support (422)`, async () => {
      const res = await processMessages(oceanMessage('notify-update-process-request', key));
      expect(res.status).toBe(422);
      expect(res.body.issue[0].expression).toEqual(['Task.status']);
    });

    it(`refuses a PLR $maintain entry with resourceType "${key}" as a 4xx outcome`, async () => {
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: key } }] };
      const body = { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: 'm1' }, { name: 'bundle', resource: bundle }] };
      const res = await request(sandbox.app).post('/plr/HSA-web/fhir-rs/$maintain').set('UserId', 'demo@IDIR').set('Content-Type', 'application/fhir+json').send(JSON.stringify(body));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.resourceType).toBe('OperationOutcome');
    });

    it(`ignores an Accept parameter named "${key}" on PLR instead of failing`, async () => {
      const res = await request(sandbox.app).get('/plr/HSA-web/fhir-rs/metadata').set('Accept', `application/fhir+json; ${key}=1`);
      expect(res.status).toBe(200);
    });

    it(`answers an HCIM SOAP interaction element "${key}" with a client SOAP fault, not a server error`, async () => {
      const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${key === '__proto__' ? 'x__proto__' : key}/></soap:Body></soap:Envelope>`;
      const res = await request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').set('SOAPAction', key).send(xml);
      expect(res.status).toBe(500); // a SOAP 1.1 Fault travels over HTTP 500
      expect(res.text).toContain('<faultcode>soap:Client</faultcode>');
    });
  }
});
