// Route tables: one line per endpoint, plain handlers (request in, result out), no Express types.
import type * as fhir from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler sees of a request. */
export interface FhirRequest {
  method: HttpMethod;
  /** Path below the mount point, e.g. `/Practitioner/IPC.00000001.BC.PRS`. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** Absolute base URL of the surface (e.g. http://127.0.0.1:8900/plr/HSA-web/fhir-rs). */
  baseUrl: string;
  /** Absolute URL of this request. */
  url: string;
  /** The partner the bearer token or credentials belong to, once authenticated. */
  partner?: string;
  /** Claims of the verified token, when there is one. */
  claims?: Record<string, unknown>;
}

/** What a handler returns: a resource (JSON) or raw bytes, with status and headers. */
export interface FhirResult {
  status?: number;
  resource?: fhir.FhirResource | Record<string, unknown>;
  /** The resource already serialized as compact JSON, text or UTF-8 bytes or chunks (sent as it is; re-read only to pretty-print), instead of `resource`. */
  json?: string | Buffer | readonly Buffer[];
  /** Raw body (PDF, XML); `contentType` then says what it is. */
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Ids to index the journal entry by (referral, message, PHN...). */
  correlation?: Record<string, string>;
}

export type FhirHandler = (req: FhirRequest) => FhirResult | Promise<FhirResult>;

/** How a route appears in the CapabilityStatement. */
export type CapabilityEntry =
  | { kind: 'interaction'; type: string; interaction: fhir.CapabilityStatementRestResourceInteraction['code'] }
  | { kind: 'operation'; type?: string; name: string; definition: string }
  | { kind: 'none' };

/** One endpoint. `path` uses Express syntax (`/Practitioner/:id`). */
export interface RouteDef {
  method: HttpMethod;
  path: string;
  /** Short name for logs and fault seams. */
  name: string;
  capability: CapabilityEntry;
  handler: FhirHandler;
  /** Fault seam checked before the handler runs (see faults/). */
  seam?: string;
  /**
   * Media ranges the handler answers with raw bytes (`body`) instead of a FHIR resource: `application/pdf`, or `*\/*`
   * when the type is the stored content's own. A client's Accept may name them; errors are still FHIR JSON.
   */
  produces?: readonly string[];
}

/**
 * The route definition behind each Express route built from a table, so the OpenAPI document can describe
 * what is really mounted. Keyed weakly by Express's own route objects: one app's routes never leak into another's.
 */
const definitions = new WeakMap<object, RouteDef>();

export function describeExpressRoute(expressRoute: object, def: RouteDef): void {
  definitions.set(expressRoute, def);
}

export function routeDefinitionOf(expressRoute: object): RouteDef | undefined {
  return definitions.get(expressRoute);
}
