// The IN parameters of the query operations, one table per resource type: the parser and the OperationDefinitions both read it.
export type QueryType = 'Practitioner' | 'Organization' | 'Location';

export interface QueryParamDef {
  /** The 1.0.0 OperationDefinition name. */
  name: string;
  /** Older names from the FSH, the spec page and PLR-TEST (https://github.com/bcgov/moh-plr-fhir), all accepted. */
  aliases: string[];
  type: 'string' | 'token' | 'boolean';
  /** A single trailing `*` is allowed. */
  wildcard?: boolean;
  /** A comma-separated list of codes, any of which may match. */
  list?: boolean;
  /** One of the four health boundaries (only one per query). */
  boundary?: boolean;
  /** Declared by the IG as "Not implemented yet". */
  notImplemented?: boolean;
  documentation: string;
}

const p = (name: string, type: QueryParamDef['type'], documentation: string, more: Partial<QueryParamDef> = {}): QueryParamDef => ({
  name,
  aliases: [],
  type,
  documentation,
  ...more,
});

const IDENTIFIER = p('identifier', 'token', 'An identifier as [system]|[value] (e.g. https://health.gov.bc.ca/fhir/NamingSystem/ca-bc-plr-ipc|IPC.00187833.BC.PRS), or a value alone.');
const IDENTIFIER_TYPE = p('identifier-type', 'token', 'Older form: the identifier type code (CPSID, RNID, MPID, IPC...) for a bare identifier value.');
const WITH_HISTORY = p('withHistory', 'boolean', 'Search historical values as well (old names, addresses); only current data is returned.', { aliases: ['_history', 'with-history'] });
const CITY = p('address-city', 'string', 'City of an address.', { aliases: ['city'] });

export const QUERY_PARAMS: Readonly<Record<QueryType, readonly QueryParamDef[]>> = {
  Practitioner: [
    IDENTIFIER,
    IDENTIFIER_TYPE,
    p('family', 'string', 'Surname; one trailing wildcard allowed (e.g. Smith*).', { aliases: ['surname'], wildcard: true }),
    p('given', 'string', 'Given name; one trailing wildcard allowed (e.g. Ann*).', { aliases: ['given-name'], wildcard: true }),
    p('status', 'token', 'Licence status code (ACTIVE, SUSPENDED, ...).', { aliases: ['status-code'] }),
    p('status-reason', 'token', 'Licence status reason code (GS, PRAC, ...).', { aliases: ['status-reason-code', 'statusReason'] }),
    CITY,
    p('gender', 'token', 'Administrative gender (male, female, other, unknown).'),
    p('role', 'token', 'Practitioner role code (MD, RN, ...).'),
    p('communication', 'token', 'Language code(s); a comma list matches any (e.g. F16,S31).', { aliases: ['language'], list: true }),
    p('expertise', 'token', 'Expertise (specialty) code(s); a comma list matches any.', { list: true }),
    p('organization-name', 'string', 'Name of an organization the practitioner is related to ($dereference join parameter).', { aliases: ['organization_name'], wildcard: true }),
    WITH_HISTORY,
  ],
  Organization: [
    IDENTIFIER,
    IDENTIFIER_TYPE,
    p('name', 'string', 'Organization name (mandatory if no identifier); one trailing wildcard allowed.', { aliases: ['organization-name'], wildcard: true }),
    p('description', 'string', 'Organization description (Organization.alias); one trailing wildcard allowed.', { wildcard: true }),
    p('type', 'token', 'Organizational provider role type (HDS, BUSINESS, CLINIC, ORG); mandatory if no identifier.', { aliases: ['role'] }),
    p('address-line1', 'string', 'First address line (physical, then mailing); one trailing wildcard allowed.', { aliases: ['address-line'], wildcard: true }),
    CITY,
    WITH_HISTORY,
  ],
  Location: [
    IDENTIFIER,
    IDENTIFIER_TYPE,
    // No wildcard on a facility's name, and no type: the 1.0.0 OperationDefinitions give a trailing wildcard to the
    // civic address line only, and no version has a Location type parameter.
    p('name', 'string', 'Facility name (exact, any case; no wildcard, as in the IG).', { aliases: ['location-name'] }),
    CITY,
    p('address-line1', 'string', 'First line of the civic address; one trailing wildcard allowed.', { aliases: ['address-line'], wildcard: true }),
    p('otheraddress-line1', 'string', 'Not implemented yet (as in the IG).', { notImplemented: true }),
    p('healthAuthority', 'string', 'Health authority, full name (e.g. Interior Health). Only one health boundary per query.', { aliases: ['health-authority'], boundary: true }),
    p('healthServiceDeliveryArea', 'string', 'Health service delivery area, full name (e.g. Okanagan).', { aliases: ['health-service-delivery-area', 'hsda'], boundary: true }),
    p('localHealthArea', 'string', 'Local health area, full name (e.g. Central Okanagan).', { aliases: ['local-health-area', 'lha'], boundary: true }),
    p('communityHealthServiceArea', 'string', 'Community health service area, full name (e.g. Downtown Kelowna).', { aliases: ['community-health-service-area', 'chsa'], boundary: true }),
    p('primaryCareNetwork', 'string', 'Not implemented yet (as in the IG).', { notImplemented: true }),
    WITH_HISTORY,
  ],
};

/** Parameters every FHIR request may carry, ignored by the query parser. */
export const GENERAL_PARAMS = new Set(['_format', '_pretty', '_summary', '_elements']);
