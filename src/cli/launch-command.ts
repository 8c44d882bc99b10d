// `hie-sandbox ocean issuer add|list|remove`: Ocean's allow-list of SMART issuers, on a running sandbox.
import type { Command } from 'commander';
import { adminCaller, DEFAULT_URL, sandboxAnswers } from './admin-client.js';
import { UsageError } from './errors.js';
import { emit, formatTable, type JsonFlag } from './output.js';

interface IssuerRow {
  iss: string;
  clientId: string;
  label?: string;
}

async function call<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const base = url.replace(/\/$/, '');
  if (!(await sandboxAnswers(base))) throw new UsageError(`no sandbox answers at ${url}; start one with "hie-sandbox start" (the allow-list changes a running sandbox)`);
  return (await adminCaller(base)(method, `/ocean${path}`, body)) as T;
}

/** Registers `ocean issuer ...` (EHRs allowed to SMART-launch Ocean). */
export function registerLaunchCommands(program: Command): void {
  const ocean = program.commands.find((c) => c.name() === 'ocean') ?? program.command('ocean').description('the simulated Ocean eReferral');
  const issuer = ocean.command('issuer').description("EHRs allowed to SMART-launch Ocean (Ocean's issuer allow-list)");
  issuer
    .command('add <iss>')
    .description('allow an EHR FHIR base (the iss it sends) with Ocean\'s client id (and secret) at that EHR')
    .requiredOption('--client-id <id>', "Ocean's client id at the EHR")
    .option('--client-secret <secret>', "Ocean's client secret at the EHR (omit when the EHR registered Ocean as a public PKCE client)")
    .option('--prefix', 'allow every FHIR base below <iss> (launchers that mint an iss per launch)')
    .option('--label <text>', 'a name to show')
    .option('--url <url>', 'the running sandbox', DEFAULT_URL)
    .action(async (iss: string, o: { clientId: string; clientSecret?: string; prefix?: boolean; label?: string; url: string }) => {
      if (!URL.canParse(iss)) throw new UsageError(`"${iss}" is not an absolute URL; give the FHIR base your EHR sends as iss`);
      const row = await call<IssuerRow>(o.url, 'POST', '/smart-issuers', { iss, clientId: o.clientId, clientSecret: o.clientSecret, prefix: o.prefix, label: o.label });
      process.stdout.write(`allowed ${row.iss}${o.prefix ? ' and every FHIR base below it' : ''} (client id ${row.clientId}${o.clientSecret ? '' : ', public PKCE client'}); register Ocean at your EHR with redirect URI ${o.url.replace(/\/$/, '')}/ocean/sso/smart/callback\n`);
    });
  issuer
    .command('list')
    .description('list allowed issuers')
    .option('--url <url>', 'the running sandbox', DEFAULT_URL)
    .option('--json', 'print the result as JSON (for scripts)')
    .action(async (o: { url: string } & JsonFlag) => {
      const list = await call<IssuerRow[]>(o.url, 'GET', '/smart-issuers');
      emit(o, list, () => formatTable(['ISSUER', 'CLIENT ID', 'LABEL'], list.map((r) => [r.iss, r.clientId, r.label ?? '']), 'no issuers'));
    });
  issuer
    .command('remove <iss>')
    .description('remove an issuer from the allow-list')
    .option('--url <url>', 'the running sandbox', DEFAULT_URL)
    .action(async (iss: string, o: { url: string }) => {
      await call(o.url, 'DELETE', `/smart-issuers?iss=${encodeURIComponent(iss)}`);
      process.stdout.write(`removed ${iss}\n`);
    });
}
