// The page at `/` until the trainer's dashboard arrives: what runs here and where.
import type { AppDeps, SystemModule } from './app-deps.js';
import { escapeXhtml } from './fhir/index.js';
import { DEMO_PARTNER } from './partners/index.js';
import { REALM_PATH } from './auth/index.js';

/** Plain HTML listing every endpoint a POS configures. */
export function renderLandingPage(deps: AppDeps, systems: readonly SystemModule[]): string {
  const base = deps.config.baseUrl;
  const rows = [
    ...systems.flatMap((s) => s.endpoints()),
    { label: 'Token endpoint (PLR, HCIM)', url: `${base}${REALM_PATH}/protocol/openid-connect/token` },
    { label: 'Admin API', url: `${base}/admin/health` },
    { label: 'Live journal feed (WebSocket)', url: `${base.replace(/^http/, 'ws')}/admin/events` },
  ]
    .map((e) => `<tr><td>${escapeXhtml(e.label)}</td><td><code>${escapeXhtml(e.url)}</code></td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hie-sandbox</title><link rel="icon" href="data:,"></head><body>
<h1>hie-sandbox ${escapeXhtml(deps.version)}</h1>
<p>Ocean eReferral, PLR and HCIM simulated on one process. Clock: ${escapeXhtml(deps.clock.mode.kind)}, ${escapeXhtml(deps.clock.iso())}.</p>
<table><thead><tr><th>What</th><th>URL</th></tr></thead><tbody>${rows}</tbody></table>
<p>Demo partner: client id <code>${DEMO_PARTNER.clientId}</code>, secret <code>${DEMO_PARTNER.clientSecret}</code>, user <code>${DEMO_PARTNER.users[0]!.username}</code>.</p>
</body></html>`;
}
