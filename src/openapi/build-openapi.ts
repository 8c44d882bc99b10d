// The OpenAPI 3.1 description of every HTTP surface, built from the routes the app really mounts.
// See: https://spec.openapis.org/oas/v3.1.0
import type { RouteDef } from '../fhir/index.js';
import type { LiveRoute } from './live-routes.js';
import type { RequestExample } from './request-examples.js';
import { ROUTE_NOTES, type BodyKind, type RouteNote } from './route-notes.js';
import { SCHEMAS } from './schemas.js';

type Json = Record<string, unknown>;

/** One surface of the sandbox: a path prefix, its tag and how it authenticates. */
interface Surface {
  prefix: string;
  tag: string;
  description: string;
  security?: 'registryToken' | 'oceanToken' | 'emrSmart';
  /** Requests carry FHIR JSON. */
  fhir?: boolean;
  userId?: 'required' | 'writes';
}

/** Most specific prefix first. */
const SURFACES: readonly Surface[] = [
  { prefix: '/ocean/svc/fhir/v1', tag: 'Ocean FHIR API', description: "Ocean's FHIR API: $process-messages from the current receiver, letters, attachments, the connection test.", security: 'oceanToken', fhir: true },
  { prefix: '/ocean', tag: 'Ocean', description: "Ocean's token endpoint and its SMART launch (the URL your EHR opens)." },
  { prefix: '/plr/HSA-web/fhir-rs', tag: 'PLR', description: 'Provider and Location Registry: query operations, maintain, batch, capability.', security: 'registryToken', fhir: true, userId: 'required' },
  { prefix: '/hcim/fhir', tag: 'HCIM FHIR', description: 'Provincial Client Registry over FHIR operations.', security: 'registryToken', fhir: true, userId: 'writes' },
  { prefix: '/hcim/soap', tag: 'HCIM HL7v3 SOAP', description: 'Provincial Client Registry over HL7v3 SOAP 1.1 (one endpoint; the interaction is in the envelope).', security: 'registryToken' },
  { prefix: '/auth', tag: 'Registry tokens', description: 'Keycloak-shaped realm `moh_applications` that issues PLR and HCIM tokens.' },
  { prefix: '/pos/emr/fhir', tag: 'Reference EMR FHIR', description: 'The reference EMR as a SMART on FHIR server (the `iss` Ocean is launched with).', security: 'emrSmart', fhir: true },
  { prefix: '/pos/emr', tag: 'Reference EMR', description: 'The reference EMR: pages, and its SMART authorization server.' },
  { prefix: '/pos/receiver', tag: 'Reference receiving POS', description: 'A webhook receiver that stands in for a POS (Ocean webhook, PLR distributions, HCIM notifications).' },
  { prefix: '/admin', tag: 'Admin', description: "The sandbox's own API: clock, snapshots, faults, journal, deliveries, partners and each system's settings. Not part of the real systems." },
];

/** Routes not described: the dashboard and static assets. */
export function isDescribed(route: LiveRoute): boolean {
  if (route.def?.name === 'unsupported') return false;
  if (route.path === '/' || route.path.startsWith('/ui/') || route.path.includes('/assets/') || /\.(css|svg)$/.test(route.path)) return false;
  return SURFACES.some((s) => route.path === s.prefix || route.path.startsWith(`${s.prefix}/`) || route.path.startsWith(`${s.prefix}$`));
}

export interface OpenApiInput {
  baseUrl: string;
  version: string;
  routes: readonly LiveRoute[];
  examples: ReadonlyMap<string, readonly RequestExample[]>;
}

/** Builds the document. */
export function buildOpenApi(input: OpenApiInput): Json {
  const paths: Record<string, Json> = {};
  const usedIds = new Set<string>();
  for (const route of input.routes.filter(isDescribed)) {
    const surface = SURFACES.find((s) => route.path === s.prefix || route.path.startsWith(`${s.prefix}/`) || route.path.startsWith(`${s.prefix}$`))!;
    const key = `${route.method} ${route.path}`;
    const note: RouteNote | undefined = Object.hasOwn(ROUTE_NOTES, key) ? ROUTE_NOTES[key] : undefined;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, surface, note, input.examples.get(key), usedIds);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'hie-sandbox',
      version: input.version,
      summary: 'Ocean eReferral, the BC Provider and Location Registry (PLR) and the Provincial Client Registry (HCIM), simulated on one process.',
      description:
        'Generated from the routes the running sandbox mounts. Paths are the real systems\' paths under one host (`/ocean`, `/plr`, `/hcim`); `/pos` and `/admin` are the sandbox\'s own. Demo credentials: client `demo-pos` / `demo-secret`, user `demo@IDIR`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: input.baseUrl, description: 'this sandbox' }],
    tags: SURFACES.map((s) => ({ name: s.tag, description: s.description })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { schemas: SCHEMAS, securitySchemes: securitySchemes(input.baseUrl) },
  };
}

function operation(route: LiveRoute, surface: Surface, note: RouteNote | undefined, examples: readonly RequestExample[] | undefined, usedIds: Set<string>): Json {
  const params: Json[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const open = note?.open === true || /\/metadata$|well-known|OperationDefinition/.test(route.path);
  if (note?.flag) params.push({ name: note.flag, in: 'query', required: true, allowEmptyValue: true, schema: { type: 'string', const: '' } });
  if (surface.fhir && route.method === 'GET' && !route.path.endsWith('/metadata')) {
    params.push({ name: 'search', in: 'query', required: false, style: 'form', explode: true, description: 'FHIR search or operation parameters, e.g. `identifier=IPC.00100001.BC.PRS`', schema: { type: 'object', additionalProperties: { type: 'string' } } });
  }
  if (surface.userId && !open && (surface.userId === 'required' || route.method !== 'GET')) {
    params.push({ name: 'UserId', in: 'header', required: surface.userId === 'required', description: 'The user and their identity provider, e.g. `demo@IDIR` (`userID` is accepted too)', schema: { type: 'string' } });
  }
  const op: Json = {
    tags: [surface.tag],
    summary: note?.summary ?? summaryOf(route.def, route),
    operationId: operationId(route, usedIds),
    ...(note?.description ? { description: note.description } : {}),
    ...(params.length ? { parameters: params } : {}),
    responses: responses(route, surface, note),
  };
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (note?.body ?? (surface.fhir ? 'fhir' : surface.prefix === '/hcim/soap' ? 'xml' : undefined));
  if (body) op.requestBody = requestBody(body, examples?.length ? examples : note?.example === undefined ? [] : [{ name: 'example', source: '', path: route.path, headers: {}, body: note.example }]);
  op.security = surface.security && !open ? [{ [surface.security]: [] }] : [];
  return op;
}

function summaryOf(def: RouteDef | undefined, route: LiveRoute): string {
  const cap = def?.capability;
  if (cap?.kind === 'operation') return `${cap.type ? `${cap.type} ` : ''}${cap.name}`;
  if (cap?.kind === 'interaction') return `${cap.interaction} ${cap.type}`;
  if (route.path.endsWith('/metadata')) return 'CapabilityStatement';
  return def ? def.name : `${route.method} ${route.path}`;
}

function operationId(route: LiveRoute, used: Set<string>): string {
  const base = `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${n}`;
  used.add(id);
  return id;
}

const MEDIA: Record<BodyKind, string> = { json: 'application/json', fhir: 'application/fhir+json', form: 'application/x-www-form-urlencoded', xml: 'text/xml', any: '*/*' };

function requestBody(kind: BodyKind, examples: readonly RequestExample[]): Json {
  const schema = kind === 'fhir' ? { $ref: '#/components/schemas/FhirResource' } : kind === 'xml' ? { type: 'string', description: 'A SOAP 1.1 envelope' } : kind === 'form' ? { type: 'object', additionalProperties: { type: 'string' } } : {};
  const media: Json = { schema };
  if (examples.length) media.examples = Object.fromEntries(examples.map((e) => [e.name, { ...(e.source ? { summary: e.source } : {}), value: e.body }]));
  const content: Json = { [MEDIA[kind]]: media };
  if (kind === 'fhir') content['application/json'] = media;
  return { required: kind !== 'any', content };
}

function responses(route: LiveRoute, surface: Surface, note: RouteNote | undefined): Json {
  const ok = route.method === 'POST' && /\/(partners|snapshots|faults|integrations|subscriptions|callbacks|clients|smart-issuers|messages|referrals)$/.test(route.path) ? '201' : '200';
  if (surface.prefix === '/hcim/soap') {
    return {
      '200': { description: 'The HL7v3 response (a refusal, such as HCIM_IN_PersonRevisedNak, is an answer too)', content: { 'text/xml': { schema: { type: 'string' } } } },
      '500': { description: 'SOAP Fault', content: { 'text/xml': { schema: { type: 'string' } } } },
    };
  }
  if (note?.produces) return { [ok]: { description: 'OK', content: { [note.produces]: { schema: { type: 'string' } } } }, default: errorResponse(surface) };
  const raw = route.def?.produces;
  if (raw?.length) return { [ok]: { description: 'The bytes, in the media type the route declares (`*/*`: the stored content\'s own)', content: Object.fromEntries(raw.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }, default: errorResponse(surface) };
  if (route.method === 'POST' && route.path.endsWith('/openid-connect/logout')) {
    return { '204': { description: 'The session is ended' }, default: { description: 'OAuth error', content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' } } } } };
  }
  if (route.path.endsWith('/token') || route.path.endsWith('/introspect')) {
    return { '200': { description: 'Token response', content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenResponse' } } } }, default: { description: 'OAuth error', content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' } } } } };
  }
  const fhirBody = surface.fhir === true && !route.path.includes('/.well-known/');
  const content = jsonContent(fhirBody, fhirBody ? { $ref: '#/components/schemas/FhirResource' } : {});
  const success = route.method === 'DELETE' ? { '204': { description: 'Done' }, '200': { description: 'Done', content: jsonContent(false, {}) } } : { [ok]: { description: 'OK', content } };
  return { ...success, ...(route.method === 'POST' && fhirBody ? { '202': { description: 'Accepted (asynchronous operations)', content } } : {}), default: errorResponse(surface) };
}

/** FHIR answers are `application/fhir+json`, or `application/json` when the client asks for it. */
function jsonContent(fhir: boolean, schema: unknown): Json {
  return fhir ? { 'application/fhir+json': { schema }, 'application/json': { schema } } : { 'application/json': { schema } };
}

function errorResponse(surface: Surface): Json {
  return { description: 'Error: a FHIR OperationOutcome with the status', content: jsonContent(Boolean(surface.fhir), { $ref: '#/components/schemas/OperationOutcome' }) };
}

function securitySchemes(baseUrl: string): Json {
  return {
    registryToken: { type: 'oauth2', description: 'RS256 JWT from the Keycloak-shaped realm (aud plr, hcim)', flows: { clientCredentials: { tokenUrl: `${baseUrl}/auth/realms/moh_applications/protocol/openid-connect/token`, scopes: {} } } },
    oceanToken: { type: 'oauth2', description: "Ocean site token (each site's API credentials: `npx hie-sandbox ocean sites`)", flows: { clientCredentials: { tokenUrl: `${baseUrl}/ocean/svc/oauth2/token`, scopes: {} } } },
    emrSmart: {
      type: 'oauth2',
      description: 'SMART App Launch 2.x at the reference EMR',
      flows: { authorizationCode: { authorizationUrl: `${baseUrl}/pos/emr/auth/authorize`, tokenUrl: `${baseUrl}/pos/emr/auth/token`, scopes: { 'launch': 'EHR launch', 'patient/*.rs': 'read the patient in context', openid: 'id_token', fhirUser: 'the user', offline_access: 'refresh tokens' } } },
    },
  };
}
