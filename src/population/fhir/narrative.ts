// XHTML narratives: every generated resource carries one, because Ocean reads text.div first.
import type * as fhir from '../../fhir/types.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const NEEDS_ESCAPE = /[&<>"]/;

/** Escapes text for use inside XHTML element content or attribute values. */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch) : text;
}

/** Wraps already-escaped XHTML in the FHIR narrative div. See: https://hl7.org/fhir/R4/narrative.html */
export function narrative(innerXhtml: string): fhir.Narrative {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${innerXhtml}</div>` };
}

/** A narrative of one paragraph of plain text. */
export function textNarrative(text: string): fhir.Narrative {
  return narrative(`<p>${escapeXml(text)}</p>`);
}

/** A narrative of labelled rows (`<b>label</b>: value`), skipping empty values. */
export function fieldsNarrative(title: string, rows: readonly (readonly [string, string | undefined])[]): fhir.Narrative {
  let body = `<p><b>${escapeXml(title)}</b></p>`;
  for (const [label, value] of rows) {
    if (value !== undefined && value !== '') body += `<p><b>${escapeXml(label)}</b>: ${escapeXml(value)}</p>`;
  }
  return narrative(body);
}
