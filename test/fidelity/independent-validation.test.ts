// Samples every kind of resource the sandbox emits (Ocean, PLR, HCIM, the EMR) and validates each with two
// independent R4 validators: Medplum's validateResource and the JSON schema; the bar is 0 structural errors.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import type * as fhir from '../../src/fhir/types.js';
import { PHN_SYSTEM } from '../../src/hcim/identifiers.js';
import { notificationBundle } from '../../src/hcim/notifications/notifier.js';
import { fhirSchemaErrors } from '../support/fhir-schema.js';
import { createTestSandbox } from '../support/sandbox.js';
import { registerIntegration, receivedEvents, startWebhook } from '../ocean/support/ocean-sandbox.js';
import type { Receiver } from '../support/receiver.js';
import { filledTemplate } from '../plr/support/maintain-builders.js';
import { medplumErrors } from './support/medplum-validator.js';

let sandbox: Sandbox;
let webhook: Receiver;
const samples = new Map<string, unknown>();

const PLR = '/plr/HSA-web/fhir-rs';
const get = async (path: string) => (await request(sandbox.app).get(path).set('UserId', 'demo@IDIR')).body as fhir.FhirResource;
const post = async (path: string, body: unknown) => (await request(sandbox.app).post(path).set('UserId', 'demo@IDIR').set('Content-Type', 'application/fhir+json').send(JSON.stringify(body))).body as fhir.FhirResource;
const hcim = (op: string, resource: fhir.FhirResource, id: string) =>
  post(`/hcim/fhir/Patient/$${op}`, { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: `urn:uuid:m-${id}`, resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `iv-${id}` }] } }, { fullUrl: `urn:uuid:p-${id}`, resource }] });

beforeAll(async () => {
  sandbox = await createTestSandbox({ config: { auth: false, sizes: { patients: 60, practitioners: 60, organizations: 15, facilities: 15 } } });
  const pop = sandbox.deps.population;
  const fx = pop.fixtures;
  const phn = fx.ordinaryPatientPhn;
  const byPhn = (value: string): fhir.Patient => ({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value }] });

  // Ocean: the outbound add-service-request, the CapabilityStatement, the NamingSystem, an error outcome.
  webhook = await startWebhook();
  const listing = sandbox.deps.population.oceanListings().find((l) => l.ref === fx.imagingListingRef)!;
  const sender = pop.oceanSites().find((s) => s.siteNum !== listing.siteNum)!;
  await registerIntegration(sandbox, { siteNum: listing.siteNum, url: `${webhook.url}/receiver`, listings: [fx.imagingListingRef] });
  await request(sandbox.app).post('/admin/ocean/referrals').send({ phn, listingRef: fx.imagingListingRef, siteNum: sender.siteNum }).expect(201);
  await sandbox.deps.delivery.idle();
  samples.set('Ocean add-service-request', receivedEvents(webhook).find((e) => e.event === 'add-service-request')!.bundle);
  samples.set('Ocean CapabilityStatement', await get('/ocean/svc/fhir/v1/metadata'));
  samples.set('Ocean NamingSystem', await get('/ocean/svc/fhir/v1/NamingSystem/id-site-number'));
  samples.set('Ocean OperationOutcome', await post('/ocean/svc/fhir/v1/$process-messages', { resourceType: 'Bundle' }));

  // PLR: queries (nested practitioner, organization and location bundles), reads, maintain, conformance, outcomes.
  samples.set('PLR practitioner $extendedQuery', await get(`${PLR}/Practitioner/${fx.familyPhysicianIpc}/$extendedQuery`));
  const org = pop.organizations()[0]!.organization; // PLR wants an organization's name and type when no identifier is given
  samples.set('PLR organization $extendedQuery', await get(`${PLR}/Organization/$extendedQuery?name=${encodeURIComponent(org.name!.slice(0, 3))}*&type=${org.type![0]!.coding![0]!.code}`));
  samples.set('PLR location $extendedQuery', await get(`${PLR}/Location/$extendedQuery?address-city=Vancouver`));
  samples.set('PLR Practitioner read', await get(`${PLR}/Practitioner/${fx.familyPhysicianIpc}`));
  samples.set('PLR $maintain response', await post(`${PLR}/$maintain`, filledTemplate({ idType: 'RNID', idValue: 'R4242' })));
  samples.set('PLR CapabilityStatement', await get(`${PLR}/metadata`));
  samples.set('PLR OperationDefinition', await get(`${PLR}/OperationDefinition/bc-entity-practitioner-query`));
  samples.set('PLR 404 OperationOutcome', await get(`${PLR}/Nothing`));

  // HCIM: the search responses (Coverage included), a write response, the notification Bundle, conformance, outcomes.
  samples.set('HCIM $GetDemographics', await hcim('GetDemographics', byPhn(phn), 'gd'));
  samples.set('HCIM $GetDemographics.withEligibility', await hcim('GetDemographics.withEligibility', byPhn(fx.deceasedPhn), 'gde'));
  const client = pop.clientByPhn(phn)!.patient;
  samples.set('HCIM $FindCandidates', await hcim('FindCandidates', { resourceType: 'Patient', name: client.name, birthDate: client.birthDate, gender: client.gender }, 'fc'));
  samples.set('HCIM $AddPatient', await hcim('AddPatient', { resourceType: 'Patient', identifier: [{ system: 'https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-fha-mt-source-patient-id', value: 'IV-1' }], name: [{ use: 'official', family: 'Quimby', given: ['Ramona'] }], gender: 'female', birthDate: '2011-05-05' }, 'add'));
  const rendered = ((samples.get('HCIM $GetDemographics') as fhir.Bundle).entry ?? []).find((e) => e.resource?.resourceType === 'Patient')!.resource as fhir.Patient;
  samples.set('HCIM notification Bundle', notificationBundle('COMPOSITE', rendered, sandbox.deps.clock.iso()));
  samples.set('HCIM CapabilityStatement', await get('/hcim/fhir/metadata'));
  samples.set('HCIM OperationOutcome', await hcim('GetDemographics', byPhn('9999999999'), 'bad'));

  // The reference EMR: its CapabilityStatement and the chart it serves ($everything's resources).
  samples.set('EMR CapabilityStatement', await get('/pos/emr/fhir/metadata'));
  const index = pop.clientByPhn(phn)!.index;
  samples.set('EMR Patient', pop.client(index).patient);
  for (const r of pop.chart(index)) if (!samples.has(`EMR ${r.resourceType}`)) samples.set(`EMR ${r.resourceType}`, r);
}, 120_000);

afterAll(async () => {
  await sandbox.close();
  await webhook.close();
});

const kinds = (value: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) value.forEach((v) => kinds(v, out));
  else if (value && typeof value === 'object') {
    const type = (value as { resourceType?: unknown }).resourceType;
    if (typeof type === 'string') out.add(type);
    Object.values(value).forEach((v) => kinds(v, out));
  }
  return out;
};

describe('independent validation of every kind of emitted resource', () => {
  it('collects a sample of each system and each resource type', () => {
    const all = kinds([...samples.values()]);
    for (const type of ['Bundle', 'MessageHeader', 'ServiceRequest', 'Practitioner', 'PractitionerRole', 'Organization', 'OrganizationAffiliation', 'Location', 'Patient', 'Coverage', 'Parameters', 'OperationOutcome', 'CapabilityStatement', 'OperationDefinition', 'NamingSystem', 'Condition', 'Observation']) {
      expect(all, type).toContain(type);
    }
  });

  it("finds 0 structural errors with Medplum's validateResource (R4 definitions)", () => {
    const errors = [...samples].flatMap(([label, r]) => medplumErrors(r).map((e) => `${label}: ${e}`));
    expect(errors).toEqual([]);
  });

  it('finds 0 errors with the R4 JSON schema', () => {
    // The schema's fhirVersion enum stops at 4.0.0 (it predates R4's 4.0.1 technical correction), so
    // CapabilityStatements are schema-checked as 4.0.0; Medplum checks the real 4.0.1 above.
    const forSchema = (r: unknown) => ((r as { resourceType?: string }).resourceType === 'CapabilityStatement' ? { ...(r as object), fhirVersion: '4.0.0' } : r);
    const errors = [...samples].flatMap(([label, r]) => fhirSchemaErrors(forSchema(r)).map((e) => `${label}: ${e}`));
    expect(errors).toEqual([]);
  });
});
