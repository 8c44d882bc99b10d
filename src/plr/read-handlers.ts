// Plain reads (GET Practitioner/{IPC} ...) and the PractitionerRole / OrganizationAffiliation searches of the IG's CapabilityStatement.
import { notFound, searchsetBundle, type FhirHandler } from '../fhir/index.js';
import type * as fhir from '../fhir/types.js';
import type { PlrContext } from './context.js';
import { plainIssue, plrFailure } from './error-codes.js';
import { currentView, isCurrent } from './registry/current.js';
import { refId, type Relationship } from './registry/references.js';

type ReadType = 'Practitioner' | 'PractitionerRole' | 'Organization' | 'OrganizationAffiliation' | 'Location';

function lookup(ctx: PlrContext, type: ReadType, id: string): fhir.FhirResource | undefined {
  const { registry } = ctx;
  switch (type) {
    case 'Practitioner':
      return registry.practitioner(id)?.practitioner;
    case 'PractitionerRole': {
      const rel = registry.relationship(id);
      return registry.practitioner(id)?.role ?? (rel?.resourceType === 'PractitionerRole' ? rel : undefined);
    }
    case 'Organization':
      return registry.organization(id);
    case 'OrganizationAffiliation': {
      const rel = registry.relationship(id);
      return rel?.resourceType === 'OrganizationAffiliation' ? rel : undefined;
    }
    case 'Location':
      return registry.location(id);
  }
}

/** GET [base]/{type}/{id}: the current data of one resource. */
export function createReadHandler(ctx: PlrContext, type: ReadType): FhirHandler {
  return (req) => {
    const id = req.params.id!;
    const found = lookup(ctx, type, id);
    if (!found) throw notFound(`${type}/${id} is not in PLR; ids look like IPC.00187833.BC.PRS, IFC.00006375.BC.PRS or RELN.12373.PRS`);
    return { resource: currentView(found, ctx.deps.clock.now()), correlation: { plr: id } };
  };
}

/** Reads `Practitioner/IPC...`, `IPC...` or `system|IPC...` as a registry id. */
function idParam(value: string | string[] | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw plrFailure(400, plainIssue('error', 'invalid', `'${name}' may be given only once.`));
  const v = value.trim();
  return v.includes('|') ? v.slice(v.indexOf('|') + 1) : v.split('/').pop();
}

/** GET [base]/PractitionerRole?practitioner|organization|location and OrganizationAffiliation?organization|location. */
export function createRelationshipSearchHandler(ctx: PlrContext, type: 'PractitionerRole' | 'OrganizationAffiliation'): FhirHandler {
  const allowed = type === 'PractitionerRole' ? ['practitioner', 'organization', 'location'] : ['organization', 'location'];
  return (req) => {
    const unknown = Object.keys(req.query).filter((k) => !allowed.includes(k) && !k.startsWith('_'));
    if (unknown.length) throw plrFailure(400, plainIssue('error', 'not-supported', `${type} search takes ${allowed.join(', ')}; not ${unknown.join(', ')}.`));
    const wanted = Object.fromEntries(allowed.map((k) => [k, idParam(req.query[k], k)]).filter(([, v]) => v)) as Record<string, string>;
    if (!Object.keys(wanted).length) throw plrFailure(400, plainIssue('error', 'required', `${type} search needs one of ${allowed.join(', ')} (an IPC or IFC).`));
    const now = ctx.deps.clock.now();
    const seed = Object.values(wanted)[0]!;
    const ends = (r: Relationship): Record<string, string | undefined> =>
      r.resourceType === 'PractitionerRole'
        ? { practitioner: refId(r.practitioner), organization: refId(r.organization), location: refId(r.location?.[0]) }
        : { organization: refId(r.organization) ?? refId(r.participatingOrganization), location: refId(r.location?.[0]) };
    const found: fhir.FhirResource[] = ctx.registry
      .relationshipsOf(seed)
      .filter((r) => r.resourceType === type && isCurrent(r, now) && Object.entries(wanted).every(([k, v]) => ends(r)[k] === v));
    const role = type === 'PractitionerRole' && wanted.practitioner && Object.keys(wanted).length === 1 ? ctx.registry.practitioner(wanted.practitioner)?.role : undefined;
    const all = role ? [role, ...found] : found;
    return { resource: searchsetBundle(all.map((r) => currentView(r, now)), { baseUrl: req.baseUrl, selfUrl: req.url, timestamp: ctx.deps.clock.iso() }) };
  };
}
