// The memo of verified tokens: bounded by count and by the characters of the tokens it keeps (claims a client
// chooses, such as its scope, make a token long).
import { describe, expect, it } from 'vitest';
import { createVerifiedTokens } from '../../src/auth/verified-tokens.js';

const claims = { sub: 's', azp: 'c', aud: 'hcim', exp: 2_000_000_000, iat: 0, iss: 'http://127.0.0.1/auth/realms/moh_applications' };

describe('the verified-token memo', () => {
  it('keeps at most its count of tokens, the oldest forgotten first', () => {
    const memo = createVerifiedTokens(3, 1_000_000);
    for (const t of ['a', 'b', 'c', 'd']) memo.remember(t, claims);
    expect(memo.size()).toBe(3);
    expect(memo.judge('a', 0)).toBeUndefined();
    expect(memo.judge('d', 0)).toEqual({ ok: true, claims });
  });

  it('keeps at most its characters of tokens: long tokens push the oldest out, and one longer than all is not kept', () => {
    const memo = createVerifiedTokens(4096, 100_000);
    for (let i = 0; i < 40; i++) memo.remember(`${i}.${'x'.repeat(16_000)}`, claims);
    expect(memo.size()).toBeLessThanOrEqual(6);
    expect(memo.judge(`39.${'x'.repeat(16_000)}`, 0)).toEqual({ ok: true, claims });
    memo.remember('y'.repeat(100_001), claims);
    expect(memo.judge('y'.repeat(100_001), 0)).toBeUndefined();
    // The same token remembered again is counted once.
    const again = createVerifiedTokens(4096, 100_000);
    for (let i = 0; i < 40; i++) again.remember('z'.repeat(40_000), claims);
    expect(again.size()).toBe(1);
    again.remember('w'.repeat(40_000), claims);
    expect(again.size()).toBe(2);
  });
});
