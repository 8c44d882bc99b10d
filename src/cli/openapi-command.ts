// `hie-sandbox openapi`: exports the API description (and the Postman collection and environment).
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { buildDeps } from '../deps.js';
import { createLogger } from '../log.js';
import { buildPostmanCollection, buildPostmanEnvironment, describeApp } from '../openapi/index.js';
import { DEFAULT_SYSTEMS } from '../systems.js';
import { DEFAULT_URL, sandboxAnswers } from './admin-client.js';

interface OpenApiFlags {
  url: string;
  out?: string;
  postman?: string;
}

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('print the OpenAPI 3.1 description of every surface (from the sandbox at --url, else built here for that URL)')
    .option('--url <url>', 'the sandbox the description is for', DEFAULT_URL)
    .option('--out <file>', 'write the document to a file instead of stdout')
    .option('--postman <dir>', 'also write a Postman collection and environment into this folder')
    .action(async (flags: OpenApiFlags) => {
      const url = flags.url.replace(/\/$/, '');
      const doc = await fetchOrBuild(url);
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (flags.out) {
        await writeFile(flags.out, text);
        process.stderr.write(`wrote ${flags.out}\n`);
      } else process.stdout.write(text);
      if (flags.postman) {
        await mkdir(flags.postman, { recursive: true });
        const collection = join(flags.postman, 'hie-sandbox.postman_collection.json');
        const environment = join(flags.postman, 'hie-sandbox.postman_environment.json');
        await writeFile(collection, `${JSON.stringify(buildPostmanCollection(doc), null, 2)}\n`);
        await writeFile(environment, `${JSON.stringify(buildPostmanEnvironment(url), null, 2)}\n`);
        process.stderr.write(`wrote ${collection} and ${environment}\n`);
      }
    });
}

/** The running sandbox's own document, or one built from an in-memory sandbox with the same base URL. */
async function fetchOrBuild(url: string): Promise<Record<string, unknown>> {
  if (await sandboxAnswers(url)) {
    const res = await fetch(`${url}/openapi.json`);
    if (res.ok) return (await res.json()) as Record<string, unknown>;
  }
  const config = loadConfig(process.env, { dataFile: undefined, baseUrl: url, sizes: { patients: 100, practitioners: 50, organizations: 10, facilities: 10 } });
  const sandbox = await createApp(await buildDeps(config, { log: createLogger('error') }), DEFAULT_SYSTEMS);
  try {
    return await describeApp(sandbox.app, sandbox.deps);
  } finally {
    await sandbox.close();
  }
}
