// The registry's shapes: what it holds (practitioner entries), the store collections of its overlay, and its
// interface (see registry.ts for the view of the population and the overlay that implements it).
import type * as fhir from '../../fhir/types.js';
import type { AttributeField } from './attribute-index.js';
import type { AttributePattern } from './population-practitioners.js';
import type { Relationship } from './references.js';
import type { SearchIndex } from './search-index.js';

/** An individual provider: the Practitioner and its role PractitionerRole (id = IPC). */
export interface PractitionerEntry {
  ipc: string;
  cpn?: string;
  practitioner: fhir.Practitioner;
  role: fhir.PractitionerRole;
}

export type EntityKind = 'practitioner' | 'organization' | 'location';

export const COLLECTIONS = {
  practitioners: 'plr.practitioners',
  organizations: 'plr.organizations',
  locations: 'plr.locations',
  relationships: 'plr.relationships',
  counters: 'plr.counters',
} as const;

export type Counter = 'ipc' | 'ifc' | 'reln' | 'cpn';
export type Counters = Record<Counter, number>;

export interface Registry {
  practitioners(): Iterable<PractitionerEntry>;
  organizations(): Iterable<fhir.Organization>;
  locations(): Iterable<fhir.Location>;
  practitioner(ipc: string): PractitionerEntry | undefined;
  organization(ipc: string): fhir.Organization | undefined;
  location(ifc: string): fhir.Location | undefined;
  relationship(id: string): Relationship | undefined;
  /** Every relationship (PractitionerRole or OrganizationAffiliation) with an end at this id. */
  relationshipsOf(id: string): Relationship[];
  kindOf(id: string): EntityKind | undefined;
  /** Practitioners with an identifier (current or ended) of this value, any system, case-insensitive: an index, not a scan. */
  practitionersWithIdentifierValue(value: string): PractitionerEntry[];
  /** Identifier and name indexes (current with every put): candidate ids for a query, in registry order. */
  index(): SearchIndex;
  /** Candidate practitioner ids having any of these attribute values, in registry order; undefined when not indexed (scan). */
  practitionersWithAttribute(field: AttributeField, patterns: readonly AttributePattern[]): string[] | undefined;
  /** Practitioners with a PractitionerRole relationship (any period) to one of these organizations, in registry order. */
  practitionersRelatedTo(orgIds: readonly string[]): string[];
  putPractitioner(entry: PractitionerEntry): void;
  putOrganization(org: fhir.Organization): void;
  putLocation(location: fhir.Location): void;
  putRelationship(rel: Relationship): void;
  /** Allocates the next id of a kind (persisted, so ids are never reused within a run). */
  nextId(kind: Counter): string;
  /** Re-reads population + overlay on next use (after seed, reset or snapshot restore). */
  rebuild(): void;
  /** Builds now in slices that yield to the event loop (resolved at once when built); a synchronous use meanwhile finishes it. */
  warm(): Promise<void>;
  /** Whether the registry is built (no build, sliced or not, is pending). */
  isBuilt(): boolean;
  counts(): Record<string, number>;
  /** A change counter: moves on every put and rebuild, so a view made at one value is stale at another. */
  version(): number;
}
