// GET /ui/api/overview: what the home page shows (endpoints a POS configures, demo credentials, clock).
import type { AppDeps, SystemEndpoint, SystemModule } from '../app-deps.js';
import { REALM_PATH } from '../auth/index.js';
import { DEMO_PARTNER } from '../partners/index.js';

export interface UiOverview {
  version: string;
  baseUrl: string;
  auth: boolean;
  clock: { mode: string; now: string };
  systems: string[];
  endpoints: SystemEndpoint[];
  demoPartner: { name: string; clientId: string; clientSecret: string; username: string; password: string };
}

/** The same facts as the plain landing page, as JSON for the dashboard. */
export function buildOverview(deps: AppDeps, systems: readonly SystemModule[]): UiOverview {
  const base = deps.config.baseUrl;
  const user = DEMO_PARTNER.users[0]!;
  return {
    version: deps.version,
    baseUrl: base,
    auth: deps.config.auth,
    clock: { mode: deps.clock.mode.kind, now: deps.clock.iso() },
    systems: systems.map((s) => s.name),
    endpoints: [
      ...systems.flatMap((s) => s.endpoints()),
      { label: 'Token endpoint (PLR, HCIM)', url: `${base}${REALM_PATH}/protocol/openid-connect/token` },
      { label: 'Admin API', url: `${base}/admin/health` },
      { label: 'Live journal feed (WebSocket)', url: `${base.replace(/^http/, 'ws')}/admin/events` },
    ],
    demoPartner: { name: DEMO_PARTNER.name, clientId: DEMO_PARTNER.clientId, clientSecret: DEMO_PARTNER.clientSecret, username: user.username, password: user.password },
  };
}
