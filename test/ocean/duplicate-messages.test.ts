// A repeated message is one with the same id and the same content; the same id with other content is refused.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { inbound, post, receivedEvents, sentReferral, task, type OceanWorld } from './support/ocean-sandbox.js';

/** The same JSON with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])]));
}

describe('repeated message ids on $process-messages', () => {
  let world: OceanWorld;
  let ref: string;
  let token: string;
  beforeEach(async () => void ({ world, ref, token } = await sentReferral()));
  afterEach(() => world.close());
  const updates = () => receivedEvents(world.receiver).filter((e) => e.event === 'notify-update-service-request');
  const processed = () => world.ctx.repo.events(ref).filter((e) => e.kind === 'notify-update-process-request');

  it('answers a resent message (same id, same content, keys in another order) as already processed, and processes it once', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    expect((await post(world, token, bundle)).status).toBe(200);
    const again = await post(world, token, reversedKeys(bundle));
    expect(again.status).toBe(200);
    expect(again.body.issue[0].severity).toBe('information');
    expect(again.body.issue[0].diagnostics).toContain('already processed');
    expect(processed()).toHaveLength(1);
    expect(updates()).toHaveLength(1);
  });

  it('answers a rebuilt resend (the same MessageHeader under a fresh Bundle id, identifier, timestamp and meta) as already processed', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    expect((await post(world, token, bundle)).status).toBe(200);
    const rebuilt = { ...bundle, id: crypto.randomUUID(), identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${crypto.randomUUID()}` }, timestamp: '2030-01-01T00:00:00.000-08:00', meta: { lastUpdated: '2030-01-01T00:00:00.000-08:00' } };
    const again = await post(world, token, rebuilt);
    expect(again.status).toBe(200);
    expect(again.body.issue[0].diagnostics).toContain('already processed');
    expect(processed()).toHaveLength(1);
  });

  it('answers a resend that comes after the sender cancelled as already processed, and a new message with the cancel', async () => {
    const bundle = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    expect((await post(world, token, bundle)).status).toBe(200);
    await request(world.sandbox.app).post(`/admin/ocean/referrals/${ref}/cancel`).send({ reason: 'Patient moved' }).expect(200);
    const again = await post(world, token, bundle);
    expect(again.status).toBe(200);
    expect(again.body.issue[0].diagnostics).toContain('already processed');
    const fresh = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'completed')]));
    expect(fresh.status).toBe(422);
    expect(fresh.body.issue[0].diagnostics).toContain('cancelled');
  });

  it('refuses the same MessageHeader.id with other content with a 409 OperationOutcome and changes nothing', async () => {
    const first = inbound('notify-update-process-request', ref, [task(ref, 'accepted')]);
    expect((await post(world, token, first)).status).toBe(200);
    const header = first.entry![0]!.resource as fhir.MessageHeader;
    const other = inbound('notify-update-process-request', ref, [task(ref, 'completed')], { id: header.id });
    const res = await post(world, token, other);
    expect(res.status).toBe(409);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].code).toBe('conflict');
    expect(res.body.issue[0].expression).toEqual(['MessageHeader.id']);
    expect(res.body.issue[0].diagnostics).toContain(header.id);
    expect(res.body.issue[0].diagnostics).toContain('different content');
    expect(world.ctx.repo.referral(ref)!.state).toBe('pending-booking');
    expect(processed()).toHaveLength(1);
    expect(updates()).toHaveLength(1);
    // Refused, it is journaled under the referral and the message it was about.
    const refused = world.sandbox.deps.journal.query({ system: 'ocean', direction: 'inbound', limit: 1000 }).filter((e) => e.status === 409);
    expect(refused.at(-1)?.correlation).toMatchObject({ referral: ref, message: header.id });
  });

  it('takes an id an older sandbox logged without a digest for a resend, whatever the content, as it did', async () => {
    const id = crypto.randomUUID();
    world.ctx.repo.addEvent({ ref, at: '2026-03-02T09:00:00Z', kind: 'notify-update-process-request', actor: world.receiverSite, text: 'logged before digests were kept', messageId: id });
    const res = await post(world, token, inbound('notify-update-process-request', ref, [task(ref, 'completed')], { id }));
    expect(res.status).toBe(200);
    expect(res.body.issue[0].diagnostics).toContain('already processed');
    expect(world.ctx.repo.referral(ref)!.state).toBe('new');
  });

  it('keys a message without a header id on its Bundle.id, with the same rule', async () => {
    const bundleId = crypto.randomUUID();
    const withoutHeaderId = (status: string) => ({ ...inbound('notify-update-process-request', ref, [task(ref, status)], { id: undefined }), id: bundleId });
    const first = withoutHeaderId('accepted');
    expect((await post(world, token, first)).status).toBe(200);
    expect((await post(world, token, first)).body.issue[0].diagnostics).toContain('already processed');
    const res = await post(world, token, withoutHeaderId('completed'));
    expect(res.status).toBe(409);
    expect(res.body.issue[0].expression).toEqual(['Bundle.id']);
    expect(world.ctx.repo.referral(ref)!.state).toBe('pending-booking');
  });
});
