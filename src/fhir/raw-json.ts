// JSON text spliced into a document at serialization: a cached part (a chart, a PLR entity's entries) goes out as
// the text it already is, while the per-response parts around it (ids, timestamps, links) are made afresh.
import { randomUUID } from 'node:crypto';

/** Compact JSON text standing for a value inside a document given to stringifyWithRaw. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A RawJson for this text (which must be valid compact JSON: it is copied, not checked). */
export function rawJson(text: string): RawJson {
  return new RawJson(text);
}

/**
 * JSON.stringify(value) (compact), with each RawJson written as its text. Each RawJson is first written as a
 * marker string (control characters and a per-process random part, which no stored string can be made to
 * serialize to by chance), then the markers are replaced, in document order, by the texts.
 */
export function createRawJsonWriter(): (value: unknown) => string {
  const marker = `\u0000raw-json-${randomUUID()}\u0000`;
  const quoted = JSON.stringify(marker);
  return (value) => {
    const texts: string[] = [];
    const out = JSON.stringify(value, (_key, v: unknown) => {
      if (!(v instanceof RawJson)) return v;
      texts.push(v.text);
      return marker;
    });
    if (texts.length === 0) return out;
    const pieces = out.split(quoted);
    if (pieces.length !== texts.length + 1) throw new Error('raw JSON: a marker was not where a RawJson was written');
    let text = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) text += texts[i - 1]! + pieces[i]!;
    return text;
  };
}
