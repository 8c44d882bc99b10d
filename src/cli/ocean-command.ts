// `hie-sandbox ocean ...`: the Ocean portal from the command line (sites, listings, integrations, referrals).
import type { Command } from 'commander';
import { withAdmin, withTargetOptions, scopedCall, type AdminCall, type AdminFlags } from './admin-client.js';
import { UsageError } from './errors.js';
import { emit, formatTable } from './output.js';

type Flags = AdminFlags & { json?: boolean };
type Call = AdminCall;

/** Calls `/admin/ocean` on the running sandbox, or on a short-lived one over the data file. */
const withOcean = <T>(flags: Flags, fn: (call: Call, where: string) => Promise<T>): Promise<T> =>
  withAdmin(flags, (call, where) => fn(scopedCall(call, '/ocean'), where));

const print = emit;

function target(cmd: Command, access: 'reads' | 'changes' = 'changes'): Command {
  return withTargetOptions(cmd, access).option('--json', 'print the result as JSON (for scripts)');
}

interface Row { [k: string]: unknown }

export function registerOceanCommands(program: Command): void {
  const ocean = program.commands.find((c) => c.name() === 'ocean') ?? program.command('ocean').description('the simulated Ocean eReferral');

  target(ocean.command('sites').description('list Ocean sites with their API credentials'), 'reads').action((flags: Flags) =>
    withOcean(flags, async (call) => {
      // The list hides secrets; each site's credentials are read from its own record, by name.
      const listed = (await call('GET', '/sites')) as Row[];
      const sites: Row[] = await Promise.all(
        listed.map(async (s) => {
          const { integrations: _i, listings: _l, ...site } = (await call('GET', `/sites/${encodeURIComponent(String(s.siteNum))}`)) as Row;
          return site;
        }),
      );
      print(flags, sites, () => formatTable(['SITE', 'NAME', 'CLIENT ID', 'CLIENT SECRET'], sites.map((s) => [s.siteNum, s.name, s.clientId, s.clientSecret])));
    }),
  );

  target(ocean.command('listings').description('list Healthmap listings').option('--site <siteNum>', 'only this site'), 'reads').action((flags: Flags & { site?: string }) =>
    withOcean(flags, async (call) => {
      const list = (await call('GET', `/listings${flags.site ? `?site=${encodeURIComponent(flags.site)}` : ''}`)) as Row[];
      print(flags, list, () => formatTable(['LISTING', 'SITE', 'TITLE', 'EXTERNAL SERVICE ID'], list.map((l) => [l.ref, l.siteNum, l.title, l.externalServiceId ?? '']), 'no listings'));
    }),
  );

  target(ocean.command('integrations').description('list registered integrations').option('--site <siteNum>', 'only this site'), 'reads').action((flags: Flags & { site?: string }) =>
    withOcean(flags, async (call) => {
      const list = (await call('GET', `/integrations${flags.site ? `?site=${encodeURIComponent(flags.site)}` : ''}`)) as Row[];
      print(flags, list, () => formatTable(['ID', 'SITE', 'PAYLOAD', 'WEBHOOK'], list.map((i) => [i.id, i.siteNum, i.payloadVersion, i.url]), 'no integrations'));
    }),
  );

  target(
    ocean
      .command('assign <siteNum>')
      .description("make a site your partner's (its calls and its webhooks' deliveries become that partner's evidence); prints the site's new API credentials")
      .requiredOption('--partner <name>', 'the partner whose POS the site is'),
  ).action((siteNum: string, flags: Flags & { partner: string }) =>
    withOcean(flags, async (call, where) => {
      const s = (await call('PUT', `/sites/${encodeURIComponent(siteNum)}/partner`, { partner: flags.partner })) as Row;
      print(flags, s, () => [`site ${s.siteNum} is ${s.partner}'s on ${where}; its earlier credentials no longer work`, `  client id     ${s.clientId}`, `  client secret ${s.clientSecret}`, `  token URL     ${s.tokenUrl}`].join('\n'));
    }),
  );

  target(
    ocean
      .command('integrate')
      .description('register a webhook integration (Ocean validates it with a {"challenge"} POST)')
      .requiredOption('--site <siteNum>', 'the Ocean site')
      .requiredOption('--webhook <url>', 'the POS endpoint Ocean posts to')
      .option('--listing <ref...>', 'listings of the site to route to this integration')
      .option('--payload-version <v>', 'v0.10 or v0.11', 'v0.11')
      .option('--basic <user:password>', 'authenticate with HTTP Basic')
      .option('--oauth <tokenUrl,clientId,clientSecret>', 'authenticate with OAuth client credentials'),
  ).action((flags: Flags & { site: string; webhook: string; listing?: string[]; payloadVersion: string; basic?: string; oauth?: string }) =>
    withOcean(flags, async (call, where) => {
      let auth: Record<string, string> = { type: 'none' };
      if (flags.basic) {
        const i = flags.basic.indexOf(':');
        if (i < 0) throw new UsageError('--basic must be user:password');
        auth = { type: 'basic', username: flags.basic.slice(0, i), password: flags.basic.slice(i + 1) };
      } else if (flags.oauth) {
        const [tokenUrl, clientId, clientSecret] = flags.oauth.split(',');
        if (!tokenUrl || !clientId || !clientSecret) throw new UsageError('--oauth must be tokenUrl,clientId,clientSecret');
        auth = { type: 'oauth', tokenUrl, clientId, clientSecret };
      }
      const i = (await call('POST', '/integrations', { siteNum: flags.site, url: flags.webhook, listings: flags.listing, payloadVersion: flags.payloadVersion, auth })) as Row & { warnings: string[] };
      print(flags, i, () => [`registered integration ${i.id} on ${where}`, `  external service id ${i.externalServiceId ?? '(none)'}`, ...i.warnings.map((w) => `  warning: ${w}`)].join('\n'));
    }),
  );

  target(
    ocean
      .command('refer')
      .description('send a referral as Ocean (the receiving listing\'s integration gets add-service-request)')
      .requiredOption('--patient <phn>', 'PHN of a population patient')
      .requiredOption('--listing <ref>', 'the receiving listing')
      .option('--site <siteNum>', 'the sending site (default: another site than the listing\'s)')
      .option('--requester <ipc>', 'the referring practitioner (default: the family physician fixture)')
      .option('--reason <text>', 'reason for referral', 'Please assess'),
  ).action((flags: Flags & { patient: string; listing: string; site?: string; requester?: string; reason: string }) =>
    withOcean(flags, async (call, where) => {
      const r = (await call('POST', '/referrals', { phn: flags.patient, listingRef: flags.listing, siteNum: flags.site, requesterIpc: flags.requester, reason: flags.reason })) as Row & { folders: { sent: string } };
      print(flags, r, () => `referral ${r.ref} sent from site ${r.senderSiteNum} to ${flags.listing} on ${where} (folder ${r.folders.sent})`);
    }),
  );

  target(ocean.command('referral <ref>').description('show a referral, its folders and its Event Log'), 'reads').action((ref: string, flags: Flags) =>
    withOcean(flags, async (call) => {
      const r = (await call('GET', `/referrals/${encodeURIComponent(ref)}`)) as Row & { folders: { sent: string; received: string }; events: Array<{ at: string; actor: string; text: string }> };
      print(flags, r, () => [`referral ${r.ref}  sent: ${r.folders.sent}  received: ${r.folders.received}`, ...r.events.map((e) => `  ${e.at}  ${e.actor.padEnd(6)} ${e.text}`)].join('\n'));
    }),
  );

  target(ocean.command('cancel <ref>').description('cancel a referral as its sender (revoke-service-request goes out)').option('--reason <text>', 'why')).action((ref: string, flags: Flags & { reason?: string }) =>
    withOcean(flags, async (call) => {
      const r = await call('POST', `/referrals/${encodeURIComponent(ref)}/cancel`, { reason: flags.reason });
      print(flags, r, () => `cancelled referral ${ref}`);
    }),
  );

  target(ocean.command('resend <ref>').description('resend a referral to its receiver').option('--as <mode>', 'new or updated', 'new')).action((ref: string, flags: Flags & { as: string }) =>
    withOcean(flags, async (call) => {
      if (flags.as !== 'new' && flags.as !== 'updated') throw new UsageError('--as must be new or updated');
      const r = (await call('POST', `/referrals/${encodeURIComponent(ref)}/resend`, { mode: flags.as })) as Row;
      print(flags, r, () => `resent referral ${ref} as ${flags.as === 'new' ? 'a new' : 'an updated'} referral (delivery ${r.deliveryId})`);
    }),
  );
}
