// Finds the operation of the API description that a concrete request hits, and checks a response against it.
import Ajv from 'ajv';

type Json = Record<string, unknown>;

export interface Operation {
  template: string;
  op: Json;
}

/** The described operation for `method` and a concrete path (query string ignored). */
export function operationFor(doc: Json, method: string, url: string): Operation | undefined {
  const path = decodeURIComponent(url.split('?')[0]!);
  for (const [template, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    const pattern = new RegExp(`^${template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
    const op = ops[method.toLowerCase()];
    if (op && pattern.test(path)) return { template, op };
  }
  return undefined;
}

/** Problems of a response against the described operation: undeclared status or media type, schema errors. */
export function contractProblems(doc: Json, operation: Operation, status: number, contentType: string, body: unknown): string[] {
  const responses = operation.op.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;
  const declared = responses[String(status)] ?? responses.default;
  if (!declared) return [`status ${status} is not declared`];
  if (!declared.content) return body === undefined || body === '' ? [] : [`status ${status} declares no body`];
  const media = contentType.split(';')[0]!.trim();
  const entry = declared.content[media] ?? declared.content['*/*'];
  if (!entry) return [`media type ${media} is not declared for ${status} (declared: ${Object.keys(declared.content).join(', ')})`];
  if (!media.includes('json')) return [];
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile({ components: (doc as { components: unknown }).components, allOf: [entry.schema ?? {}] });
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message}`);
}
