// JSON text spliced into a document at serialization: a cached part (a chart, a PLR entity's entries) goes out as
// the text or bytes it already is, while the per-response parts around it (ids, timestamps, links) are made afresh.
import { randomUUID } from 'node:crypto';

/** Compact JSON, as text or UTF-8 bytes, standing for a value inside a document its writer serializes. */
export interface RawJson {
  readonly json: string | Buffer;
  toJSON(): string;
}

/** Compact JSON: text, UTF-8 bytes, or UTF-8 chunks to be written one after another. */
export type JsonText = string | Buffer | readonly Buffer[];

export interface RawJsonWriter {
  /** A stand-in for this JSON (which must be valid compact JSON: it is copied, not checked), for `write` only. */
  raw(json: string | Buffer): RawJson;
  /**
   * JSON.stringify(value) (compact), with each of this writer's RawJson written as its JSON: text when every one
   * is text, else UTF-8 chunks in document order, the bytes themselves among them (never copied nor decoded:
   * joining a 145 KB answer into one buffer was a copy and a large allocation on every request).
   */
  write(value: unknown): string | readonly Buffer[];
}

/**
 * A writer. Each RawJson serializes as a marker string (control characters and a per-writer random part, which
 * no stored string can be made to serialize to by chance) and notes its JSON as it does, in document order; the
 * markers are then replaced in that order. A toJSON, not a replacer function: a replacer is a call per key, and
 * was 4% of a PLR identifier query's CPU.
 */
export function createRawJsonWriter(): RawJsonWriter {
  const marker = `\u0000raw-json-${randomUUID()}\u0000`;
  const quoted = JSON.stringify(marker);
  let seen: Array<string | Buffer> = [];
  return {
    raw: (json) => ({
      json,
      toJSON() {
        seen.push(json);
        return marker;
      },
    }),
    write(value) {
      seen = [];
      const out = JSON.stringify(value);
      const parts = seen;
      seen = [];
      if (parts.length === 0) return out;
      const pieces = out.split(quoted);
      if (pieces.length !== parts.length + 1) throw new Error('raw JSON: a marker was not where a RawJson was written');
      if (parts.every((p) => typeof p === 'string')) {
        let text = pieces[0]!;
        for (let i = 1; i < pieces.length; i++) text += (parts[i - 1] as string) + pieces[i]!;
        return text;
      }
      // Text between two byte parts is joined before it is encoded: one chunk for each run of text.
      const chunks: Buffer[] = [];
      let text = pieces[0]!;
      for (let i = 1; i < pieces.length; i++) {
        const part = parts[i - 1]!;
        if (typeof part === 'string') {
          text += part + pieces[i]!;
          continue;
        }
        if (text) chunks.push(Buffer.from(text));
        chunks.push(part);
        text = pieces[i]!;
      }
      if (text) chunks.push(Buffer.from(text));
      return chunks;
    },
  };
}
