// The realm's ended sessions are bounded: past the bound the expired are forgotten first, then the soonest to expire.
import { describe, expect, it } from 'vitest';
import { createRefreshTokens } from '../../src/auth/refresh-tokens.js';
import { useSharedSandbox } from '../support/shared-sandbox.js';

const sandbox = useSharedSandbox();

describe('logged-out sessions', () => {
  it('keeps at most `max`, forgetting an expired one before a live one, and a live one that expires soonest before later ones', async () => {
    const { issuer, store, clock } = sandbox().deps;
    const tokens = createRefreshTokens(issuer, store, clock, 2);
    const login = async (sid: string, seconds: number) => {
      const token = await issuer.issue({ typ: 'Refresh', sub: 'demo@IDIR', azp: 'demo-pos', aud: issuer.issuer, sid }, seconds);
      return { refresh_token: token };
    };
    const refused = async (form: Record<string, unknown>) => tokens.presented(form, 'demo-pos').then(() => undefined, (e: { description: string }) => e.description);
    const short = await login('short', 60);
    const long = await login('long', 1800);
    const later = await login('later', 1200);
    tokens.end(await tokens.presented(short, 'demo-pos'));
    tokens.end(await tokens.presented(long, 'demo-pos'));
    await clock.advance(61_000); // `short` has expired: it is the one forgotten
    tokens.end(await tokens.presented(later, 'demo-pos'));
    expect(await refused(long)).toBe('Session not active');
    expect(await refused(later)).toBe('Session not active');
    expect(await refused(short)).toBe('Token is not active');
    const fourth = await login('fourth', 1800);
    tokens.end(await tokens.presented(fourth, 'demo-pos')); // full of live sessions: `later` expires first, and goes
    expect(await refused(later)).toBeUndefined();
    expect(await refused(long)).toBe('Session not active');
    expect(await refused(fourth)).toBe('Session not active');
  });
});
