// A CapabilityStatement built from a system's route table, so `metadata` says what is implemented.
import type { RouteDef } from './routes.js';
import type * as fhir from './types.js';

export interface CapabilityOptions {
  name: string;
  title: string;
  baseUrl: string;
  version: string;
  date: string;
  formats?: string[];
  description?: string;
  security?: fhir.CapabilityStatementRestSecurity;
}

/**
 * The name an operation is invoked by: the route's own `$name` path segment, so what is declared cannot drift
 * from what is routed; the declared name only where the path has none.
 */
export function operationNameOf(route: RouteDef): string | undefined {
  if (route.capability.kind !== 'operation') return undefined;
  const segment = route.path.split('/').find((s) => s.startsWith('$'));
  return (segment ?? route.capability.name).replace(/^\$/, '');
}

/** See: https://hl7.org/fhir/R4/capabilitystatement.html */
export function buildCapabilityStatement(routes: readonly RouteDef[], options: CapabilityOptions): fhir.CapabilityStatement {
  const byType = new Map<string, fhir.CapabilityStatementRestResource>();
  const systemOps: fhir.CapabilityStatementRestResourceOperation[] = [];
  const typeOf = (type: string) => {
    let r = byType.get(type);
    if (!r) byType.set(type, (r = { type }));
    return r;
  };
  for (const route of routes) {
    const cap = route.capability;
    if (cap.kind === 'interaction') {
      const r = typeOf(cap.type);
      r.interaction ??= [];
      if (!r.interaction.some((i) => i.code === cap.interaction)) r.interaction.push({ code: cap.interaction });
    } else if (cap.kind === 'operation') {
      const op = { name: operationNameOf(route)!, definition: cap.definition };
      const list = cap.type ? (typeOf(cap.type).operation ??= []) : systemOps;
      if (!list.some((o) => o.name === op.name)) list.push(op);
    }
  }
  const rest: fhir.CapabilityStatementRest = { mode: 'server', resource: [...byType.values()] };
  if (options.security) rest.security = options.security;
  if (systemOps.length) rest.operation = systemOps;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    name: options.name,
    title: options.title,
    description: options.description,
    kind: 'instance',
    software: { name: 'hie-sandbox', version: options.version },
    implementation: { description: options.title, url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: options.formats ?? ['json'],
    rest: [rest],
  };
}
