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

/** Damerau-Levenshtein (optimal string alignment) distance, capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
