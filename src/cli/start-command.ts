// `hie-sandbox start`: runs the sandbox on its embedded default data and prints one banner.
import { Command, Option } from 'commander';
import { REALM_PATH } from '../auth/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../config.js';
import { createLogger } from '../log.js';
import { handleSignals, startSandbox, type RunningSandbox } from '../main.js';
import { DEMO_PARTNER } from '../partners/index.js';
import { MIN_POPULATION_SIZES } from '../population/options.js';
import { MAX_PRACTITIONERS } from '../population/plr/ids.js';
import { configFromFlags, DEFAULT_DATA_FILE, parseClock, parseDate, parseInteger, type SandboxFlags } from './options.js';

/** The options start and reset share. */
export function addSandboxOptions(cmd: Command): Command {
  return cmd
    .option('--data <file>', `lowdb JSON file holding the sandbox state (default ${DEFAULT_DATA_FILE})`)
    .option('--ephemeral', 'keep everything in memory (nothing is written)')
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
      .addOption(new Option('--log <level>', 'log level').choices(['silent', 'error', 'warn', 'info']).default('info')),
  ).action(async (flags: SandboxFlags & { log: 'silent' | 'error' | 'warn' | 'info' }) => {
    const config = configFromFlags(flags, process.env);
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
  const rows = [
    ...systems.flatMap((s) => s.endpoints()),
    { label: 'Token endpoint (PLR, HCIM)', url: `${c.baseUrl}${REALM_PATH}/protocol/openid-connect/token` },
    { label: 'Admin API', url: `${c.baseUrl}/admin` },
    { label: 'Live feed (WebSocket)', url: `${c.baseUrl.replace(/^http/, 'ws')}/admin/events` },
    { label: 'Web UI', url: `${c.baseUrl}/` },
  ];
  const width = Math.max(...rows.map((r) => r.label.length));
  const clock = c.clock.kind === 'accelerated' ? `x${c.clock.factor}` : c.clock.kind;
  return [
    `hie-sandbox ${deps.version} listening on ${running.url}`,
    `  clock ${clock} (${deps.clock.iso()}), auth ${c.auth ? 'on' : 'OFF'}, data ${c.dataFile ?? 'in memory (--ephemeral)'}, seed ${c.seed}, ${c.sizes.patients} patients`,
    '',
    ...rows.map((r) => `  ${r.label.padEnd(width)}  ${r.url}`),
    '',
    `  Demo partner "${DEMO_PARTNER.name}": client_id ${DEMO_PARTNER.clientId}, client_secret ${DEMO_PARTNER.clientSecret}, user ${DEMO_PARTNER.users[0]!.username} / ${DEMO_PARTNER.users[0]!.password}`,
    '',
  ].join('\n');
}
