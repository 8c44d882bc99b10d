// Field normalisation for matching: names, Soundex, dates, phones, postal codes and address lines.

/** Upper-case letters only (diacritics folded, punctuation and spaces removed). */
export function normalizeName(text: string | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** Hyphen/space separated parts of a surname, each normalized (for hyphenated surnames). */
export function surnameParts(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[-\s]+/)
    .map(normalizeName)
    .filter((p) => p.length > 0);
}

const SOUNDEX_CODES: Record<string, string> = {
  B: '1', F: '1', P: '1', V: '1',
  C: '2', G: '2', J: '2', K: '2', Q: '2', S: '2', X: '2', Z: '2',
  D: '3', T: '3',
  L: '4',
  M: '5', N: '5',
  R: '6',
};

/** American Soundex of a normalized name (e.g. ROBERT -> R163). See: https://www.archives.gov/research/census/soundex */
export function soundex(name: string): string {
  if (!name) return '';
  let out = name[0]!;
  let last = SOUNDEX_CODES[name[0]!] ?? '';
  for (let i = 1; i < name.length && out.length < 4; i++) {
    const ch = name[i]!;
    const digit = SOUNDEX_CODES[ch] ?? '';
    if (digit && digit !== last) out += digit;
    if (ch !== 'H' && ch !== 'W') last = digit;
  }
  return out.padEnd(4, '0');
}

/** Digits only (phones, postal digits). */
export function digitsOf(text: string | undefined): string {
  return (text ?? '').replace(/\D/g, '');
}

/** A North American phone reduced to its last ten digits. */
export function normalizePhone(text: string | undefined): string {
  const d = digitsOf((text ?? '').replace(/^tel:/i, ''));
  return d.length > 10 ? d.slice(-10) : d;
}

/** Canadian postal code without spaces, upper-case. */
export function normalizePostal(text: string | undefined): string {
  return (text ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const STREET_WORDS: Record<string, string> = { STREET: 'ST', AVENUE: 'AVE', AV: 'AVE', ROAD: 'RD', DRIVE: 'DR', BOULEVARD: 'BLVD', CRESCENT: 'CRES', PLACE: 'PL', COURT: 'CRT', CT: 'CRT', LANE: 'LN', WAY: 'WAY', HIGHWAY: 'HWY' };

/** Address line 1 in a comparable form: upper-case words with street types abbreviated. */
export function normalizeLine(text: string | undefined): string {
  if (!text) return '';
  if (/^[ -~]*$/.test(text)) return asciiLine(text);
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
}

/** normalizeLine of printable ASCII, in one pass: words of letters and digits, upper-cased, street types abbreviated. */
function asciiLine(text: string): string {
  const upper = text.toUpperCase();
  let out = '';
  let start = -1;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 32;
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const w = upper.slice(start, i);
      const abbreviated = STREET_WORDS[w] ?? w;
      out = out ? `${out} ${abbreviated}` : abbreviated;
      start = -1;
    }
  }
  return out;
}

/** YYYYMMDD digits of a FHIR date (or an HL7v3 TS), '' when absent or partial. */
export function dateDigits(text: string | undefined): string {
  const d = digitsOf(text).slice(0, 8);
  return d.length === 8 ? d : '';
}

/** The date's digits sorted: equal for any transposition of digits (a counting sort: it runs per blocked record). */
export function sortedDigits(digits: string): string {
  const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return digits.split('').sort().join('');
    counts[d]! += 1;
  }
  let out = '';
  for (let d = 0; d < 10; d++) if (counts[d]) out += String(d).repeat(counts[d]!);
  return out;
}

/**
 * Damerau-Levenshtein (optimal string alignment) distance, capped at `max + 1`: the scorer only asks whether two
 * values are within `max` edits. A cell (i, j) is at least |i - j|, so only the band |i - j| <= max can be within
 * the cap: O(n·max) time over three reused rows (a transposition looks two rows back) and an end as soon as a
 * whole row is over it. A full table held (n+1)² numbers: two 25,000-letter surnames exhausted the heap.
 */
export function editDistance(a: string, b: string, max = 3): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  let before = new Int32Array(m + 2).fill(over);
  let prev = new Int32Array(m + 2).fill(over);
  let row = new Int32Array(m + 2).fill(over);
  for (let j = 0; j <= Math.min(m, max); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    // The cells either side of the band read as over the cap (the rows are reused, so they are reset here).
    row[lo - 1] = lo === 1 && i <= max ? i : over;
    row[hi + 1] = over;
    const ai = a[i - 1];
    const aBefore = i > 1 ? a[i - 2] : undefined;
    let best = row[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const bj = b[j - 1];
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (j > 1 && aBefore !== undefined && ai === b[j - 2] && aBefore === bj) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v > over ? over : v;
      if (v < best) best = v;
    }
    if (best > max) return over;
    [before, prev, row] = [prev, row, before];
  }
  return prev[m]!;
}
