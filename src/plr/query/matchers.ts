// Compiles parsed criteria into predicates over practitioners, organizations and locations.
import type * as fhir from '../../fhir/types.js';
import { inForce } from '../registry/current.js';
import { refId } from '../registry/references.js';
import type { PractitionerEntry, Registry } from '../registry/registry.js';
import { NS } from '../vocabulary.js';
import { patternOf, textMatches, type Criteria, type TextPattern } from './criteria.js';
import { anyMatches, boundaryNames, codesOf, identifierMatches, licenceStatuses, locationAddresses, parseIdentifierParam } from './fields.js';

export interface MatchContext {
  now: number;
  registry: Registry;
}

type Test<T> = (entity: T) => boolean;

const tokenSet = (value: string, list: boolean) => new Set((list ? value.split(',') : [value]).map((v) => v.trim().toLowerCase()).filter(Boolean));
const hasAny = (wanted: Set<string>, codes: readonly string[]) => codes.some((c) => wanted.has(c.toLowerCase()));

function identifierTest<T>(criteria: Criteria, ctx: MatchContext, read: (e: T) => { identifiers?: fhir.Identifier[]; extra: { system: string; value: string | undefined }[] }): Test<T> | undefined {
  const text = criteria.values.get('identifier');
  if (!text) return undefined;
  const wanted = parseIdentifierParam(text, criteria.values.get('identifier-type'));
  return (e) => {
    const r = read(e);
    return identifierMatches(wanted, r.identifiers, r.extra, ctx.now, criteria.withHistory);
  };
}

const withPattern = <T>(v: string, make: (p: TextPattern) => Test<T>): Test<T> => make(patternOf(v));
const withSet = <T>(v: string, make: (set: Set<string>) => Test<T>): Test<T> => make(tokenSet(v, true));

function all<T>(tests: (Test<T> | undefined)[]): Test<T> {
  const live = tests.filter((t): t is Test<T> => Boolean(t));
  return (e) => live.every((t) => t(e));
}

function when<T>(criteria: Criteria, name: string, make: (value: string) => Test<T>): Test<T> | undefined {
  const v = criteria.values.get(name);
  return v === undefined ? undefined : make(v);
}

/** Practitioner criteria: identifier, family, given, status, status-reason, city, gender, role, communication, expertise, organization-name. */
export function practitionerMatcher(criteria: Criteria, ctx: MatchContext): Test<PractitionerEntry> {
  const h = criteria.withHistory;
  const names = (e: PractitionerEntry) => inForce(e.practitioner.name, ctx.now, h);
  return all<PractitionerEntry>([
    identifierTest(criteria, ctx, (e) => ({ identifiers: e.practitioner.identifier, extra: [{ system: NS.ipc, value: e.ipc }, { system: NS.cpn, value: e.cpn }] })),
    when(criteria, 'family', (v) => withPattern(v, (p) => (e: PractitionerEntry) => anyMatches(p, names(e).map((n) => n.family)))),
    when(criteria, 'given', (v) => withPattern(v, (p) => (e: PractitionerEntry) => anyMatches(p, names(e).flatMap((n) => n.given ?? [])))),
    when(criteria, 'status', (v) => (e) => licenceStatuses(e.practitioner, ctx.now, h).some((s) => s.status?.toLowerCase() === v.toLowerCase())),
    when(criteria, 'status-reason', (v) => (e) => licenceStatuses(e.practitioner, ctx.now, h).some((s) => s.reason?.toLowerCase() === v.toLowerCase())),
    when(criteria, 'address-city', (v) => withPattern(v, (p) => (e: PractitionerEntry) => anyMatches(p, inForce(e.practitioner.address, ctx.now, h).map((a) => a.city)))),
    when(criteria, 'gender', (v) => (e) => e.practitioner.gender === v.toLowerCase()),
    when(criteria, 'role', (v) => (e) => hasAny(tokenSet(v, false), codesOf(e.role.code))),
    when(criteria, 'communication', (v) => withSet(v, (set) => (e: PractitionerEntry) => hasAny(set, codesOf(inForce(e.practitioner.communication, ctx.now, h))))),
    when(criteria, 'expertise', (v) => withSet(v, (set) => (e: PractitionerEntry) => hasAny(set, codesOf(inForce(e.role.specialty, ctx.now, h))))),
    when(criteria, 'organization-name', (v) => withPattern(v, (p) => (e: PractitionerEntry) =>
      ctx.registry.relationshipsOf(e.ipc).some((r) => {
        if (r.resourceType !== 'PractitionerRole') return false;
        const org = ctx.registry.organization(refId(r.organization) ?? '');
        return textMatches(p, org?.name);
      }))),
  ]);
}

/** Organization criteria: identifier, name, description (alias), type, address-line1, city. */
export function organizationMatcher(criteria: Criteria, ctx: MatchContext): Test<fhir.Organization> {
  const h = criteria.withHistory;
  const addresses = (o: fhir.Organization) => inForce(o.address, ctx.now, h);
  return all<fhir.Organization>([
    identifierTest(criteria, ctx, (o) => ({ identifiers: o.identifier, extra: [{ system: NS.ipc, value: o.id }] })),
    when(criteria, 'name', (v) => withPattern(v, (p) => (o: fhir.Organization) => textMatches(p, o.name))),
    when(criteria, 'description', (v) => withPattern(v, (p) => (o: fhir.Organization) => anyMatches(p, o.alias ?? []))),
    when(criteria, 'type', (v) => (o) => hasAny(tokenSet(v, false), codesOf(o.type))),
    when(criteria, 'address-line1', (v) => withPattern(v, (p) => (o: fhir.Organization) => anyMatches(p, addresses(o).map((a) => a.line?.[0])))),
    when(criteria, 'address-city', (v) => withPattern(v, (p) => (o: fhir.Organization) => anyMatches(p, addresses(o).map((a) => a.city)))),
  ]);
}

/** Location criteria: identifier, name, type, city, address-line1, one health boundary. */
export function locationMatcher(criteria: Criteria, ctx: MatchContext): Test<fhir.Location> {
  const h = criteria.withHistory;
  const addresses = (l: fhir.Location) => inForce(locationAddresses(l), ctx.now, h);
  const boundary = ['healthAuthority', 'healthServiceDeliveryArea', 'localHealthArea', 'communityHealthServiceArea'].find((b) => criteria.values.has(b));
  return all<fhir.Location>([
    identifierTest(criteria, ctx, (l) => ({ identifiers: l.identifier, extra: [{ system: NS.ifc, value: l.id }] })),
    when(criteria, 'name', (v) => withPattern(v, (p) => (l: fhir.Location) => anyMatches(p, [l.name, ...(l.alias ?? [])]))),
    when(criteria, 'type', (v) => (l) => hasAny(tokenSet(v, false), codesOf(l.type))),
    when(criteria, 'address-city', (v) => withPattern(v, (p) => (l: fhir.Location) => anyMatches(p, addresses(l).map((a) => a.city)))),
    when(criteria, 'address-line1', (v) => withPattern(v, (p) => (l: fhir.Location) => anyMatches(p, addresses(l).map((a) => a.line?.[0])))),
    boundary ? withPattern(criteria.values.get(boundary)!, (p) => (l: fhir.Location) => anyMatches(p, boundaryNames(l, boundary))) : undefined,
  ]);
}
