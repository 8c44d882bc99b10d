// Finding 10: a huge HL7v3 attribute is refused with a short SOAP fault that does not echo it; deep XML is refused too.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { MAX_XML_VALUE } from '../../src/hcim/soap/bounds.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: false } });
});
afterAll(() => sandbox.close());

const envelope = (inner: string) => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const soap = (xml: string) => request(sandbox.app).post('/hcim/soap').set('Content-Type', 'text/xml').send(xml);

describe('bounds on SOAP input', () => {
  it('answers a PHN attribute over the value bound with a fault naming the attribute, a few hundred bytes long', async () => {
    // Over the value bound, under the body limit (a 4 MB one is now refused unread, as too large a body).
    const big = 'A'.repeat(MAX_XML_VALUE + 1);
    const res = await soap(envelope(`<HCIM_IN_GetDemographics><id extension="m1"/><controlActProcess><queryByParameter><queryByParameterPayload><person.id><value extension="${big}"/></person.id></queryByParameterPayload></queryByParameter></controlActProcess></HCIM_IN_GetDemographics>`));
    expect(res.status).toBe(500); // a SOAP 1.1 Fault travels over HTTP 500
    expect(res.text).toContain('Fault');
    expect(res.text).toContain('person.id/value/@extension');
    expect(res.text).toContain(`at most ${MAX_XML_VALUE}`);
    expect(res.text.length).toBeLessThan(2000);
  });

  it('answers a 100 KB unknown interaction name with a fault that does not echo it whole', async () => {
    const res = await soap(envelope(`<X${'A'.repeat(100_000)}/>`));
    expect(res.status).toBe(500); // a SOAP 1.1 Fault travels over HTTP 500
    expect(res.text.length).toBeLessThan(2000);
  });

  it('answers 5000 nested elements with a fault, and the endpoint still answers afterwards', async () => {
    const res = await soap(envelope('<a>'.repeat(5000) + '</a>'.repeat(5000)));
    expect(res.status).toBe(500); // a SOAP 1.1 Fault travels over HTTP 500
    expect(res.text).toContain('Fault');
    expect((await soap(envelope("<HCIM_IN_Nothing/>"))).status).toBe(500);
  });
});
