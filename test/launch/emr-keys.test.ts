// The reference EMR's signing key: one key however many requests ask for it at once, and the one its JWKS publishes.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/app.js';
import { createKeyRing } from '../../src/pos/emr/keys.js';
import { createTestSandbox } from '../support/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox.close());

const storedKid = () => sandbox.deps.store.get<{ publicJwk: { kid: string } }>('pos.keys', 'signing')?.publicJwk.kid;

describe('the EMR key ring', () => {
  it('generates a single key when many requests ask for it at once after a reset, and signs with the stored one', async () => {
    sandbox.deps.store.remove('pos.keys', 'signing');
    const put = vi.spyOn(sandbox.deps.store, 'put');
    const ring = createKeyRing(sandbox.deps.store);
    const keys = await Promise.all(Array.from({ length: 6 }, () => ring()));
    const generated = put.mock.calls.filter(([collection]) => collection === 'pos.keys').length;
    put.mockRestore();
    expect(generated).toBe(1);
    expect(new Set(keys.map((k) => k.kid))).toEqual(new Set([storedKid()]));
    expect((await ring()).kid).toBe(storedKid());
  });

  it('publishes the key it signs with in the JWKS after a reset, even when the JWKS is asked for concurrently', async () => {
    sandbox.reset();
    const answers = await Promise.all(Array.from({ length: 4 }, () => request(sandbox.app).get('/pos/emr/auth/jwks')));
    const kids = new Set(answers.map((a) => a.body.keys[0].kid as string));
    expect(kids).toEqual(new Set([storedKid()]));
  });

  it('signs with a new key after each reset (the one made ahead in the background), never the one before', async () => {
    const ring = createKeyRing(sandbox.deps.store);
    const kids = [(await ring()).kid];
    for (let i = 0; i < 2; i++) {
      sandbox.reset();
      kids.push((await ring()).kid);
      expect(kids.at(-1)).toBe(storedKid());
    }
    expect(new Set(kids).size).toBe(3);
  });
});
