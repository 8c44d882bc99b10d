// Content-Disposition with any file name: an ASCII `filename` fallback and the exact name in `filename*` (RFC 6266, RFC 8187).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `inline; filename="Nguyen Thi.pdf"; filename*=UTF-8''Nguy%E1%BB%85n%20Th%E1%BB%8B.pdf`. Control characters
 * (CR, LF, tabs) become spaces, so a title can never split the header; lone surrogates become U+FFFD.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const flat = name.replace(LONE_SURROGATE, '\uFFFD').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const clean = Array.from(flat).slice(0, 200).join('') || 'document';
  const ascii = clean.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${ext(clean)}`;
}

/** The file name a Content-Disposition carries: `filename*` when present and decodable, else `filename`. */
export function fileNameOf(header: string | null | undefined): string | undefined {
  const text = header ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(text)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // Not percent-encoded UTF-8: fall back to the plain parameter.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(text)?.[1];
}

/** RFC 8187 ext-value characters: attr-char stays, everything else is percent-encoded UTF-8. */
function ext(text: string): string {
  return encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
