// `hie-sandbox start`: runs the sandbox on its embedded default data and prints one banner.
import { Command, Option } from 'commander';
import { REALM_PATH } from '../auth/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../config.js';
import { createLogger } from '../log.js';
import { handleSignals, startSandbox, type RunningSandbox } from '../main.js';
import { DEMO_PARTNER } from '../partners/index.js';
import { listeningOn, settleAdminToken } from './admin-token.js';
import { MIN_POPULATION_SIZES } from '../population/options.js';
import { MAX_PRACTITIONERS } from '../population/plr/ids.js';
import { configFromFlags, DEFAULT_DATA_FILE, parseClock, parseDate, parseInteger, type SandboxFlags } from './options.js';

/** The options start and reset share. */
export function addSandboxOptions(cmd: Command): Command {
  return addDataFileOptions(cmd.option('--ephemeral', 'keep everything in memory (nothing is written)'));
}

/** The data file and the population it was seeded with: what a command needs to open a sandbox's state. */
export function addDataFileOptions(cmd: Command): Command {
  return cmd
    .option('--data <file>', `lowdb JSON file holding the sandbox state (default ${DEFAULT_DATA_FILE})`)
    .option('--seed <n>', 'population seed', parseInteger(0))
    .option('--patients <n>', 'number of synthetic patients (default 10000)', parseInteger(1, 6_000_000))
    .option('--practitioners <n>', 'number of PLR practitioner records (default 2500)', parseInteger(MIN_POPULATION_SIZES.practitioners, MAX_PRACTITIONERS))
    .option('--reference-date <yyyy-mm-dd>', 'date the population is generated relative to (default 2026-01-01)', parseDate);
}

export function registerStartCommand(program: Command): void {
  addSandboxOptions(
    program
      .command('start')
      .description('start the sandbox (Ocean, PLR, HCIM, reference POS, admin API) on one port')
      .option('--port <port>', `TCP port (default ${DEFAULT_PORT})`, parseInteger(0, 65_535))
      .option('--host <host>', `interface to bind (default ${DEFAULT_HOST}; 0.0.0.0 in a container)`)
      .option('--base-url <url>', 'public base URL, when it differs from http://host:port')
      .option('--clock <mode>', 'simulated clock: real (default), manual or xFACTOR (e.g. x60)', parseClock)
      .option('--no-auth', 'accept requests without bearer tokens (first experiments only)')
      .option('--no-fsync', 'acknowledge once the write-ahead log is written, without waiting for the disk (survives a crash of the process, not a power cut)')
      .option('--tls', 'serve HTTPS with a certificate from the local CA kept beside the data file (tls/ca.cert.pem)')
      .option('--mtls', 'HTTPS that refuses connections without a client certificate from `hie-sandbox partner cert` (implies --tls)')
      .option('--admin-token <token>', 'token every admin call must present; "generate" makes one (required with a host beyond loopback)')
      .addOption(new Option('--log <level>', 'log level').choices(['silent', 'error', 'warn', 'info']).default('info')),
  ).action(async (flags: SandboxFlags & { log: 'silent' | 'error' | 'warn' | 'info'; adminToken?: string }) => {
    const config = settleAdminToken(configFromFlags(flags, process.env), flags.adminToken);
    const log = createLogger(flags.log);
    const running = await startSandbox(config, log);
    process.stdout.write(banner(running));
    handleSignals(running, log);
  });
}

/** One banner: each system's base URL and the demo partner's credentials. */
export function banner(running: RunningSandbox): string {
  const { deps, systems } = running.sandbox;
  const c = deps.config;
  const oidc = `${c.baseUrl}${REALM_PATH}/protocol/openid-connect`;
  const rows = [
    ...systems.flatMap((s) => s.endpoints()),
    { label: 'Ocean SMART launch URL (your EHR opens it)', url: `${c.baseUrl}/ocean/sso/smart/auth?iss=&launch=&action=&siteNum=` },
    { label: 'Ocean SMART redirect URI (register it at your EHR)', url: `${c.baseUrl}/ocean/sso/smart/callback` },
    { label: 'Token endpoint (PLR, HCIM)', url: `${oidc}/token` },
    { label: 'OIDC discovery (PLR, HCIM tokens)', url: `${c.baseUrl}${REALM_PATH}/.well-known/openid-configuration` },
    { label: 'JWKS (PLR, HCIM tokens)', url: `${oidc}/certs` },
    { label: 'Reference receiving POS (an Ocean webhook)', url: `${c.baseUrl}/pos/receiver/$process-message` },
    { label: 'API description (OpenAPI 3.1, Postman)', url: `${c.baseUrl}/openapi` },
    { label: 'HCIM WSDL (SOAP client generators)', url: `${c.baseUrl}/hcim/soap?wsdl` },
    { label: 'Admin API (index of routes)', url: `${c.baseUrl}/admin` },
    { label: 'Live feed (WebSocket)', url: `${c.baseUrl.replace(/^http/, 'ws')}/admin/events` },
    { label: "Trainer's dashboard", url: `${c.baseUrl}/` },
  ];
  const width = Math.max(...rows.map((r) => r.label.length));
  const clock = c.clock.kind === 'accelerated' ? `x${c.clock.factor}` : c.clock.kind;
  const token = deps.admin?.token();
  return [
    `hie-sandbox ${deps.version} listening on ${running.url} (bound to ${listeningOn(running.server.address())})`,
    `  clock ${clock} (${deps.clock.iso()}), auth ${c.auth ? 'on' : 'OFF'}, data ${c.dataFile ?? 'in memory (--ephemeral)'}, seed ${c.seed}, ${c.sizes.patients} patients`,
    ...(c.tls === 'off' ? [] : [`  TLS ${c.tls === 'mtls' ? 'with required client certificates' : 'on'}: trust ${c.tlsDir}/ca.cert.pem${c.tls === 'mtls' ? '; issue client certificates with "hie-sandbox partner cert <name>"' : ''}`]),
    '',
    ...rows.map((r) => `  ${r.label.padEnd(width)}  ${r.url}`),
    '',
    ...(token
      ? [
          `  Admin token: ${token}${c.adminToken && c.adminToken !== 'generate' && c.adminToken !== token ? ' (rotated with POST /admin/token/rotate: the --admin-token given no longer works)' : ''}`,
          `    send "Authorization: Bearer <token>" to /admin (the CLI reads HIE_SANDBOX_ADMIN_TOKEN); rotate with POST /admin/token/rotate`,
          `    dashboard sign-in: ${c.baseUrl}/admin/login?token=${token}`,
          '',
        ]
      : ['  Admin API open to this machine only (loopback); no admin token', '']),
    `  Demo partner "${DEMO_PARTNER.name}": client_id ${DEMO_PARTNER.clientId}, client_secret ${DEMO_PARTNER.clientSecret}, user ${DEMO_PARTNER.users[0]!.username} / ${DEMO_PARTNER.users[0]!.password}`,
    '',
  ].join('\n');
}
