// A Postman collection (v2.1) and environment made from the OpenAPI document: one folder per surface, example
// bodies, and a pre-request step that fetches a token when the folder's one is missing or about to expire.
// See: https://schema.postman.com/collection/json/v2.1.0/draft-07/docs/index.html
import { DEMO_PARTNER } from '../partners/index.js';

type Json = Record<string, unknown>;

const REGISTRY_TOKEN_PATH = '/auth/realms/moh_applications/protocol/openid-connect/token';
const OCEAN_TOKEN_PATH = '/ocean/svc/oauth2/token';

/** Which token a folder's requests carry, by the OpenAPI security scheme of its operations. */
const TOKENS: Record<string, { variable: string; script: string } | undefined> = {
  registryToken: { variable: 'registryToken', script: tokenScript('registryToken', REGISTRY_TOKEN_PATH, 'clientId', 'clientSecret') },
  oceanToken: { variable: 'oceanToken', script: tokenScript('oceanToken', OCEAN_TOKEN_PATH, 'oceanClientId', 'oceanClientSecret') },
};

/** The collection: folders in the document's tag order, requests in path order. */
export function buildPostmanCollection(doc: Json): Json {
  const tags = (doc.tags as Array<{ name: string; description: string }>).map((t) => ({ ...t, items: [] as Json[], scheme: undefined as string | undefined }));
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = tags.find((t) => t.name === (op.tags as string[])[0])!;
      const scheme = Object.keys(((op.security as Json[])[0] ?? {}) as Json)[0];
      if (scheme) tag.scheme = scheme;
      tag.items.push(requestItem(path, method.toUpperCase(), op, scheme));
    }
  }
  const info = doc.info as { title: string; version: string; description: string };
  return {
    info: { name: `${info.title} ${info.version}`, description: info.description, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: tags.filter((t) => t.items.length).map((t) => {
      const token = t.scheme ? TOKENS[t.scheme] : undefined;
      return {
        name: t.name,
        description: t.description,
        item: t.items,
        ...(token
          ? {
              auth: { type: 'bearer', bearer: [{ key: 'token', value: `{{${token.variable}}}`, type: 'string' }] },
              event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: token.script.split('\n') } }],
            }
          : {}),
      };
    }),
  };
}

/** The environment: the base URL and the demo partner's credentials. */
export function buildPostmanEnvironment(baseUrl: string): Json {
  const value = (key: string, v: string, type: 'default' | 'secret' = 'default') => ({ key, value: v, type, enabled: true });
  return {
    name: 'hie-sandbox (local)',
    values: [
      value('baseUrl', baseUrl),
      value('clientId', DEMO_PARTNER.clientId),
      value('clientSecret', DEMO_PARTNER.clientSecret, 'secret'),
      value('userId', DEMO_PARTNER.users[0]!.username),
      // A site's API credentials are not published here: `npx hie-sandbox ocean sites` prints them.
      value('oceanClientId', ''),
      value('oceanClientSecret', '', 'secret'),
      value('registryToken', '', 'secret'),
      value('oceanToken', '', 'secret'),
    ],
    _postman_variable_scope: 'environment',
  };
}

function requestItem(path: string, method: string, op: Json, scheme: string | undefined): Json {
  const segments = path.split('/').filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, ':$1'));
  const params = (op.parameters as Array<{ name: string; in: string; required?: boolean }> | undefined) ?? [];
  const flags = params.filter((p) => p.in === 'query' && p.required);
  const header = params.filter((p) => p.in === 'header').map((p) => ({ key: p.name, value: `{{${p.name === 'UserId' ? 'userId' : p.name}}}` }));
  const item: Json = {
    name: op.summary,
    request: {
      method,
      header,
      url: {
        raw: `{{baseUrl}}/${segments.join('/')}${flags.length ? `?${flags.map((p) => p.name).join('&')}` : ''}`,
        host: ['{{baseUrl}}'],
        path: segments,
        ...(params.some((p) => p.in === 'path') ? { variable: params.filter((p) => p.in === 'path').map((p) => ({ key: p.name, value: '' })) } : {}),
        ...(flags.length ? { query: flags.map((p) => ({ key: p.name, value: null })) } : {}),
      },
      ...(scheme ? {} : { auth: { type: 'noauth' } }),
    },
  };
  const body = bodyOf(op.requestBody as Json | undefined);
  if (body) {
    (item.request as Json).body = body.body;
    (header as Json[]).push({ key: 'Content-Type', value: body.type });
  }
  return item;
}

function bodyOf(requestBody: Json | undefined): { type: string; body: Json } | undefined {
  if (!requestBody) return undefined;
  const [type, media] = Object.entries(requestBody.content as Record<string, Json>)[0]!;
  const examples = (media.examples ?? {}) as Record<string, { value: unknown }>;
  const example = Object.values(examples)[0]?.value;
  if (type === 'application/x-www-form-urlencoded') {
    return { type, body: { mode: 'urlencoded', urlencoded: Object.entries((example ?? {}) as Record<string, unknown>).map(([key, v]) => ({ key, value: String(v) })) } };
  }
  const raw = typeof example === 'string' ? example : example === undefined ? '' : JSON.stringify(example, null, 2);
  return { type, body: { mode: 'raw', raw, options: { raw: { language: type.includes('xml') ? 'xml' : 'json' } } } };
}

function tokenScript(variable: string, tokenPath: string, idVar: string, secretVar: string): string {
  return [
    `// Fetches {{${variable}}} when it is missing or about to expire (client_credentials, ${idVar}/${secretVar}).`,
    `const expires = Number(pm.environment.get('${variable}Expires') || 0);`,
    `if (!pm.environment.get('${variable}') || Date.now() > expires) {`,
    '  pm.sendRequest({',
    `    url: pm.environment.get('baseUrl') + '${tokenPath}',`,
    "    method: 'POST',",
    "    header: { 'Content-Type': 'application/x-www-form-urlencoded' },",
    '    body: { mode: \'urlencoded\', urlencoded: [',
    "      { key: 'grant_type', value: 'client_credentials' },",
    `      { key: 'client_id', value: pm.environment.get('${idVar}') },`,
    `      { key: 'client_secret', value: pm.environment.get('${secretVar}') },`,
    '    ] },',
    '  }, (err, res) => {',
    '    if (err) throw err;',
    '    const token = res.json();',
    `    pm.environment.set('${variable}', token.access_token);`,
    `    pm.environment.set('${variable}Expires', String(Date.now() + (token.expires_in - 30) * 1000));`,
    '  });',
    '}',
  ].join('\n');
}
