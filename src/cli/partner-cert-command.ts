// `hie-sandbox partner cert <name>`: a client certificate from the local CA, for a sandbox started with --mtls.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DATA_FILE } from '../config.js';
import { issueClientCertificate, loadOrCreateCa } from '../tls/local-ca.js';
import { UsageError } from './errors.js';

const NAME = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Registers `partner cert` under the `partner` command (created by the admin commands). */
export function registerPartnerCertCommand(program: Command): void {
  const partner = program.commands.find((c) => c.name() === 'partner') ?? program.command('partner').description('connected organizations and their credentials');
  partner
    .command('cert <name>')
    .description('issue a client certificate for a partner from the local CA (for start --mtls)')
    .option('--data <file>', `the sandbox's data file; the CA lives in tls/ beside it (default ${DEFAULT_DATA_FILE})`)
    .option('--out <dir>', 'where to write <name>.cert.pem, <name>.key.pem and ca.cert.pem', './certs')
    .action((name: string, o: { data?: string; out: string }) => {
      if (!NAME.test(name)) throw new UsageError(`"${name}" is not a partner name: 2-40 lower-case letters, digits and dashes`);
      const ca = loadOrCreateCa(join(dirname(o.data ?? process.env.HIE_SANDBOX_DATA ?? DEFAULT_DATA_FILE), 'tls'), Date.now());
      const issued = issueClientCertificate(ca, name, Date.now());
      const out = resolve(o.out);
      mkdirSync(out, { recursive: true });
      const cert = join(out, `${name}.cert.pem`);
      const key = join(out, `${name}.key.pem`);
      const caFile = join(out, 'ca.cert.pem');
      writeFileSync(cert, issued.certPem);
      writeFileSync(key, issued.keyPem, { mode: 0o600 });
      writeFileSync(caFile, ca.certPem);
      process.stdout.write(
        [`issued a client certificate for "${name}" (CN=${name}, valid 825 days)`, `  certificate ${cert}`, `  key         ${key}`, `  CA          ${caFile}`, '', `  curl --cacert ${caFile} --cert ${cert} --key ${key} https://127.0.0.1:8900/admin/health`, ''].join('\n'),
      );
    });
}
