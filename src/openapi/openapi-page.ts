// A plain page to browse the API description: operations by surface, with their example bodies.
import { html, PAGE_CSP, type SafeHtml } from '../html/safe-html.js';

export { PAGE_CSP };

type Json = Record<string, unknown>;

/** Renders the document as one self-contained HTML page (no scripts, no remote assets). */
export function renderOpenApiPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const tags = doc.tags as Array<{ name: string; description: string }>;
  const ops = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const section = (tag: { name: string; description: string }): SafeHtml => {
    const mine = ops.filter((o) => (o.op.tags as string[])[0] === tag.name);
    if (!mine.length) return html``;
    return html`<section><h2>${tag.name}</h2><p>${tag.description}</p>${mine.map(({ path, method, op }) => {
      const example = exampleOf(op);
      return html`<details><summary><code>${method} ${path}</code> ${String(op.summary)}</summary>${op.description ? html`<p>${String(op.description)}</p>` : ''}${example ? html`<pre>${example}</pre>` : ''}</details>`;
    })}</section>`;
  };
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${info.title} API</title></head><body>
<h1>${info.title} ${info.version}: API</h1>
<p>${info.description}</p>
<p>Import into an OpenAPI viewer or client generator: <a href="/openapi.json">/openapi.json</a>. Postman: <a href="/openapi/postman-collection.json">collection</a> and <a href="/openapi/postman-environment.json">environment</a>. HL7v3 SOAP clients: <a href="/hcim/soap?wsdl">WSDL</a>.</p>
${tags.map(section)}
</body></html>`.value;
}

function exampleOf(op: Json): string | undefined {
  const content = (op.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)?.content;
  const value = content ? Object.values(content)[0]?.examples && Object.values(Object.values(content)[0]!.examples!)[0]?.value : undefined;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
