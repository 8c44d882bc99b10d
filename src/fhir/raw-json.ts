// JSON text spliced into a document at serialization: a cached part (a chart, a PLR entity's entries) goes out as
// the text or bytes it already is, while the per-response parts around it (ids, timestamps, links) are made afresh.
import { randomUUID } from 'node:crypto';

/** Compact JSON, as text or UTF-8 bytes, standing for a value inside a document given to a raw JSON writer. */
export class RawJson {
  constructor(readonly json: string | Buffer) {}
}

/** A RawJson for this JSON (which must be valid compact JSON: it is copied, not checked). */
export function rawJson(json: string | Buffer): RawJson {
  return new RawJson(json);
}

/**
 * A writer: JSON.stringify(value) (compact), with each RawJson written as its JSON; text when every RawJson is
 * text, else UTF-8 bytes (the bytes are copied once, never decoded). Each RawJson is first written as a marker
 * string (control characters and a per-writer random part, which no stored string can be made to serialize to
 * by chance), then the markers are replaced, in document order.
 */
export function createRawJsonWriter(): (value: unknown) => string | Buffer {
  const marker = `\u0000raw-json-${randomUUID()}\u0000`;
  const quoted = JSON.stringify(marker);
  return (value) => {
    const parts: Array<string | Buffer> = [];
    const out = JSON.stringify(value, (_key, v: unknown) => {
      if (!(v instanceof RawJson)) return v;
      parts.push(v.json);
      return marker;
    });
    if (parts.length === 0) return out;
    const pieces = out.split(quoted);
    if (pieces.length !== parts.length + 1) throw new Error('raw JSON: a marker was not where a RawJson was written');
    if (parts.every((p) => typeof p === 'string')) {
      let text = pieces[0]!;
      for (let i = 1; i < pieces.length; i++) text += (parts[i - 1] as string) + pieces[i]!;
      return text;
    }
    const chunks: Buffer[] = [Buffer.from(pieces[0]!)];
    for (let i = 1; i < pieces.length; i++) {
      const part = parts[i - 1]!;
      chunks.push(typeof part === 'string' ? Buffer.from(part) : part, Buffer.from(pieces[i]!));
    }
    return Buffer.concat(chunks);
  };
}
