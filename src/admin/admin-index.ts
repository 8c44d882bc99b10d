// `GET /admin`: the index of the admin routes, so the URL the banner prints answers with something useful.

export interface AdminRoute {
  methods: string;
  path: string;
  purpose: string;
}

/** Every admin route, grouped as the README's Admin API table; a test checks each parameterless GET answers. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { methods: 'GET', path: '/admin/health', purpose: 'version, uptime, clock, counts (open without the admin token)' },
  { methods: 'GET', path: '/admin/clock', purpose: 'the simulated clock' },
  { methods: 'POST', path: '/admin/clock/advance', purpose: '{"duration":"PT96H"}: advance, firing every retry that falls due' },
  { methods: 'POST', path: '/admin/clock/set', purpose: '{"time":"2026-03-01T09:00:00Z"}' },
  { methods: 'GET, POST', path: '/admin/snapshots', purpose: 'named snapshots ({"name"})' },
  { methods: 'POST', path: '/admin/snapshots/{name}/restore', purpose: 'restore a snapshot' },
  { methods: 'DELETE', path: '/admin/snapshots/{name}', purpose: 'delete a snapshot' },
  { methods: 'POST', path: '/admin/reset', purpose: 'back to the seeded state' },
  { methods: 'GET, POST, DELETE', path: '/admin/faults', purpose: 'armed faults: arm one, clear all' },
  { methods: 'GET', path: '/admin/faults/seams', purpose: 'the seams a fault can be armed at' },
  { methods: 'DELETE', path: '/admin/faults/{id}', purpose: 'clear one fault' },
  { methods: 'GET', path: '/admin/journal', purpose: 'exchanges (?system=&partner=&correlation=&direction=&since=&limit=)' },
  { methods: 'GET', path: '/admin/journal/{id}', purpose: 'one exchange' },
  { methods: 'GET', path: '/admin/deliveries', purpose: 'the outbound queue (?state=pending|delivered|dead&channel=)' },
  { methods: 'GET', path: '/admin/deliveries/{id}', purpose: 'one delivery with its attempts' },
  { methods: 'POST', path: '/admin/deliveries/{id}/replay', purpose: 'replay a delivered or dead message' },
  { methods: 'GET, POST', path: '/admin/partners', purpose: 'partners (the list hides secrets); add one ({"name"})' },
  { methods: 'GET', path: '/admin/partners/{name}', purpose: 'one partner, with its client secret and user passwords' },
  { methods: 'GET', path: '/admin/ocean/sites', purpose: 'Ocean sites (the list hides secrets)' },
  { methods: 'GET', path: '/admin/ocean/sites/{siteNum}', purpose: 'one site, with its API credentials and Shared Encryption Key' },
  { methods: 'POST', path: '/admin/ocean/sites/{siteNum}/credentials', purpose: 'new API credentials ({"sharedEncryptionKey"})' },
  { methods: 'PUT', path: '/admin/ocean/sites/{siteNum}/partner', purpose: 'make the site a partner\'s ({"partner"}): new API credentials; its calls and webhooks become that partner\'s evidence' },
  { methods: 'GET', path: '/admin/ocean/listings', purpose: 'Healthmap listings (?site=)' },
  { methods: 'PATCH', path: '/admin/ocean/listings/{ref}', purpose: 'externalServiceId, acceptsReferrals' },
  { methods: 'GET, POST', path: '/admin/ocean/integrations', purpose: 'webhook integrations (registered through the challenge)' },
  { methods: 'DELETE', path: '/admin/ocean/integrations/{id}', purpose: 'remove an integration' },
  { methods: 'GET, POST', path: '/admin/ocean/referrals', purpose: 'referrals; send one as Ocean' },
  { methods: 'GET', path: '/admin/ocean/referrals/{ref}', purpose: 'one referral: folders, receiver, Event Log' },
  { methods: 'POST', path: '/admin/ocean/referrals/{ref}/cancel|messages|resend', purpose: 'act on a referral as its sender' },
  { methods: 'GET, POST, DELETE', path: '/admin/ocean/smart-issuers', purpose: 'EHRs allowed to SMART-launch Ocean' },
  { methods: 'GET, POST', path: '/admin/plr/subscriptions', purpose: 'PLR distribution subscribers' },
  { methods: 'GET, POST', path: '/admin/plr/changes', purpose: 'registry-side PLR changes' },
  { methods: 'GET, POST', path: '/admin/hcim/subscriptions', purpose: 'HCIM change notifications' },
  { methods: 'GET, POST', path: '/admin/hcim/callbacks', purpose: 'HCIM .Async call-back URLs' },
  { methods: 'POST', path: '/admin/hcim/evaluate', purpose: 'FindCandidates over the injected duplicates' },
  { methods: 'GET, POST', path: '/admin/pos/emr/clients', purpose: 'SMART apps registered at the reference EMR' },
  { methods: 'GET', path: '/admin/login?token=', purpose: 'signs the dashboard in when an admin token is set' },
  { methods: 'POST', path: '/admin/token/rotate', purpose: 'a new admin token; the old one stops working' },
  { methods: 'WebSocket', path: '/admin/events', purpose: 'the live journal feed (?system=&partner=&correlation=)' },
];
