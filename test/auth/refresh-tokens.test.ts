// The realm's live sessions are bounded: past the bound the idlest is logged out, and a logout is never undone.
import { describe, expect, it } from 'vitest';
import { createRealmSessions } from '../../src/auth/realm-sessions.js';
import { createRefreshTokens } from '../../src/auth/refresh-tokens.js';
import { useSharedSandbox } from '../support/shared-sandbox.js';

const sandbox = useSharedSandbox();

describe('live sessions', () => {
  const setUp = (max: number) => {
    const { issuer, store, clock } = sandbox().deps;
    const sessions = createRealmSessions(store, clock, max);
    const tokens = createRefreshTokens(issuer, sessions);
    const login = async () => {
      const session = sessions.start('demo-pos', 'demo@IDIR');
      return { refresh_token: await issuer.issue({ typ: 'Refresh', sub: 'demo@IDIR', azp: 'demo-pos', aud: issuer.issuer, sid: session.sid }, 1800), sid: session.sid };
    };
    const refused = (form: { refresh_token: string }) => tokens.presented(form, 'demo-pos').then(() => undefined, (e: { description: string }) => e.description);
    return { sessions, tokens, login, refused, clock };
  };

  it('keeps at most `max`: a new login logs out the idlest, and a refresh makes a session the newest used', async () => {
    const { sessions, login, refused, clock } = setUp(2);
    for (const sid of [...sandbox().deps.store.entries('auth-sessions')].map(([k]) => k)) sessions.end(sid);
    const a = await login();
    await clock.advance(60_000);
    const b = await login();
    await clock.advance(60_000);
    expect(sessions.refreshed(a.sid)?.lastRefreshed).toBe(Math.floor(clock.now() / 1000));
    const c = await login(); // `b` is the idlest now
    expect(sessions.count()).toBe(2);
    expect(await refused(b)).toBe('Session not active');
    expect(await refused(a)).toBeUndefined();
    expect(await refused(c)).toBeUndefined();
    const d = await login(); // then `a`
    expect(await refused(a)).toBe('Session not active');
    expect(await refused(b)).toBe('Session not active');
    expect(await refused(c)).toBeUndefined();
    expect(await refused(d)).toBeUndefined();
  });

  it('never takes a logout back: an ended session stays ended however many logins and logouts follow', async () => {
    const { tokens, login, refused } = setUp(2);
    const ended = await login();
    tokens.end(await tokens.presented(ended, 'demo-pos'));
    for (let i = 0; i < 5; i++) {
      const other = await login();
      if (i % 2) tokens.end(await tokens.presented(other, 'demo-pos'));
      expect(await refused(ended)).toBe('Session not active');
    }
  });
});
