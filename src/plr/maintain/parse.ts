// Unwraps a maintain request ($maintain Parameters or the PLR IG specification page's transaction Bundle) into one provider or facility bundle.
import type * as fhir from '../../fhir/types.js';
import { MAX_MESSAGE_ID_LENGTH } from '../../store/index.js';
import { plainIssue, plrFailure, plrIssue } from '../error-codes.js';
import type { Relationship } from '../registry/references.js';
import type { EntityKind } from '../registry/registry.js';
import { assertShape } from './shape.js';

export interface MaintainMessage {
  messageId: string;
  messageTime?: string;
  bundle: fhir.Bundle;
}

/** The resources of one maintain bundle, sorted by what they are. */
export interface MaintainContent {
  kind: EntityKind;
  main: fhir.Practitioner | fhir.Organization | fhir.Location;
  /** Practitioner bundles: the role PractitionerRole (no organization or location). */
  role?: fhir.PractitionerRole;
  relationships: Relationship[];
  /** fullUrls and local ids that stand for the main resource inside the bundle. */
  localNames: string[];
}

const param = (p: fhir.Parameters, name: string) => p.parameter?.find((x) => x.name === name);

/** Reads `messageId`, `messageTime` and `maintain` (or `batch`) out of a Parameters body. */
export function unwrapParameters(body: unknown, bundleParam: 'maintain' | 'batch'): MaintainMessage {
  const p = body as fhir.Parameters;
  if (p?.resourceType === 'Parameters') assertShape(p, 'Parameters');
  if (p?.resourceType !== 'Parameters') {
    throw plrFailure(400, plainIssue('error', 'structure', `POST $${bundleParam} takes a Parameters resource with messageId, messageTime and ${bundleParam}; got ${describe(body)}.`));
  }
  const id = param(p, 'messageId');
  const messageId = (id?.valueString ?? id?.valueId ?? id?.valueIdentifier?.value ?? '').trim();
  const time = param(p, 'messageTime');
  const messageTime = time?.valueDateTime ?? time?.valueInstant;
  const bundle = param(p, bundleParam)?.resource as fhir.Bundle | undefined;
  const missing = [!messageId && 'messageId', !messageTime && 'messageTime', !bundle && bundleParam].filter(Boolean) as string[];
  if (missing.length) throw plrFailure(400, ...missing.map((field) => plrIssue('mandatory', { field, expression: `Parameters.parameter.where(name='${field}')` })));
  assertMessageIdLength(messageId, "Parameters.parameter.where(name='messageId')");
  if (bundle!.resourceType !== 'Bundle') throw plrFailure(400, plainIssue('error', 'structure', `The ${bundleParam} parameter must hold a Bundle, not ${describe(bundle)}.`));
  return { messageId, messageTime, bundle: bundle! };
}

/** The seed's form: the Bundle itself, its logical id being the source-assigned message id. */
export function unwrapBundle(body: unknown, idFromPath?: string): MaintainMessage {
  const bundle = body as fhir.Bundle;
  if (bundle?.resourceType === 'Bundle') assertShape(bundle);
  if (bundle?.resourceType !== 'Bundle') throw plrFailure(400, plainIssue('error', 'structure', `A maintain PUT takes a transaction Bundle; got ${describe(body)}.`));
  const messageId = (idFromPath ?? bundle.id ?? '').trim();
  if (!messageId) throw plrFailure(400, plrIssue('mandatory', { field: 'Bundle.id (message id)', expression: 'Bundle.id' }));
  assertMessageIdLength(messageId, 'Bundle.id');
  return { messageId, messageTime: bundle.timestamp ?? bundle.meta?.lastUpdated, bundle };
}

/** PLR remembers message ids to refuse a replay: a longer id than any real one is refused with PLR's length code. */
function assertMessageIdLength(messageId: string, expression: string): void {
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) throw plrFailure(400, plrIssue('length', { field: 'messageId', min: 1, max: MAX_MESSAGE_ID_LENGTH, expression }));
}

function describe(value: unknown): string {
  const type = (value as { resourceType?: unknown } | undefined)?.resourceType;
  return typeof type === 'string' ? `a ${type}` : 'no FHIR resource';
}

/** Sorts a maintain bundle's entries; one Practitioner, Organization or Location per bundle (https://bcgov.github.io/moh-plr-fhir/specification.html). */
export function classify(bundle: fhir.Bundle): MaintainContent {
  // The maintain bundles' profiles fix the type (bc-practitioner-bundle and its kin: collection).
  if (!bundle.type || !['collection', 'transaction'].includes(bundle.type)) {
    throw plrFailure(400, plainIssue('error', 'structure', `A maintain Bundle is a collection (or, in the PLR IG's Use Cases form, a transaction), not ${bundle.type ? `a ${bundle.type}` : 'an untyped Bundle'}.`));
  }
  const entries = bundle.entry ?? [];
  const mains = entries.filter((e) => ['Practitioner', 'Organization', 'Location'].includes(e.resource?.resourceType ?? ''));
  if (mains.length === 0) throw plrFailure(400, plrIssue('mandatory', { field: 'Practitioner, Organization or Location', expression: 'Bundle.entry' }));
  if (mains.length > 1) {
    throw plrFailure(400, plainIssue('error', 'business-rule', `A maintain Bundle SHALL only update or create a single Provider or Facility; this one has ${mains.length} (${mains.map((m) => m.resource!.resourceType).join(', ')}).`));
  }
  const main = mains[0]!.resource as MaintainContent['main'];
  const kind: EntityKind = main.resourceType === 'Practitioner' ? 'practitioner' : main.resourceType === 'Organization' ? 'organization' : 'location';
  let role: fhir.PractitionerRole | undefined;
  const relationships: Relationship[] = [];
  for (const [i, e] of entries.entries()) {
    const r = e.resource;
    if (!r || r === main) continue;
    if (r.resourceType === 'PractitionerRole') {
      const isRole = kind === 'practitioner' && !r.organization && !(r.location?.length) && !role;
      if (isRole) role = r;
      else relationships.push(r);
    } else if (r.resourceType === 'OrganizationAffiliation') {
      relationships.push(r);
    } else {
      throw plrFailure(400, plainIssue('error', 'structure', `Bundle.entry[${i}] is a ${r.resourceType}; a maintain Bundle holds a ${main.resourceType} with PractitionerRoles and OrganizationAffiliations only.`));
    }
  }
  const localNames = [mains[0]!.fullUrl, main.id, main.id && `${main.resourceType}/${main.id}`].filter((x): x is string => Boolean(x));
  return { kind, main, role, relationships, localNames };
}
