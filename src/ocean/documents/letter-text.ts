// Text as the letter hands it to pdfkit: each value cut to its bound, and no word its line wrapper must measure line by line.
import { LETTER_LIMITS } from './letter-limits.js';

/** `text` cut to `max` characters (never between the halves of a surrogate pair), then `tail`, which says what was left out. */
export function clip(text: string, max: number, tail = (left: number) => `… (${left.toLocaleString('en-US')} more characters not printed)`): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}${tail(text.length - end)}`;
}

/** Which embedded face draws a code point (LetterFonts.faceOf): where it changes, pdfkit starts another text run. */
export type FaceOf = (cp: number) => number;

/**
 * What laying out `text` costs against LETTER_LIMITS.total: a character each, a CJK one (from U+2E80 on) `cjkCost`,
 * and each change of embedded font `fontChangeCost` more (a space keeps the font it follows, as LetterFonts.runs does).
 */
export function layoutCost(text: string, faceOf?: FaceOf): number {
  return scan(text, Infinity, faceOf).cost;
}

/** How many leading code units of `text` cost at most `budget` to lay out. */
export function affordable(text: string, budget: number, faceOf?: FaceOf): number {
  return scan(text, budget, faceOf).end;
}

function scan(text: string, budget: number, faceOf?: FaceOf): { cost: number; end: number } {
  const oneFace = !faceOf || !/[^\u0000-\u00ff]/.test(text); // the Latin face draws all of Latin-1
  let cost = 0;
  let face = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    let c = cp >= 0x2e80 ? LETTER_LIMITS.cjkCost : 1;
    if (!oneFace && cp > 0x20) {
      const f = faceOf!(cp);
      if (f >= 0 && f !== face) {
        if (face >= 0) c += LETTER_LIMITS.fontChangeCost;
        face = f;
      }
    }
    if (cost + c > budget) return { cost, end: i };
    cost += c;
    i += cp > 0xffff ? 2 : 1;
  }
  return { cost, end: text.length };
}

/** After one of these and a space, a letter or digit always starts a new word for pdfkit's line breaker (UAX #14, LB18). */
const ENDS_WORD = /[\p{L}\p{N},.;:!?]/u;
const STARTS_WORD = /[\p{L}\p{N}]/u;
/** Between two ideographs a line may always break (UAX #14, ID ÷ ID). */
const IDEOGRAPH = /\p{Unified_Ideograph}/u;

/**
 * Splits `text` so that no piece runs more than `max` characters without a break pdfkit's line wrapper is sure to take:
 * a line end, a space between two words, or a pair of ideographs. Written one after the other (`continued`), the pieces
 * print as the text would, and the wrapper never measures a long word again for every line it breaks off. A space alone
 * is not such a break: UAX #14 keeps "! ! !", "( a( a" and no-break spaces together. Ordinary text stays one piece.
 */
export function wordPieces(text: string, max: number = LETTER_LIMITS.word): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let start = 0; // where the current piece starts
  let run = 0; // characters since the last sure break
  let prev = '';
  let solid = ''; // the last character other than a space, at solidAt
  let solidAt = -1;
  for (let i = 0; i < text.length; ) {
    const c = String.fromCodePoint(text.codePointAt(i)!);
    // Only what lies inside the piece counts: the line breaker sees each piece alone.
    const sure =
      i > start &&
      (prev === '\n' ||
        (prev === '\r' && c !== '\n') ||
        (prev === ' ' && solidAt >= start && ENDS_WORD.test(solid) && STARTS_WORD.test(c)) ||
        (IDEOGRAPH.test(prev) && IDEOGRAPH.test(c)));
    if (sure) {
      run = 0;
    } else if (run >= max) {
      pieces.push(text.slice(start, i));
      start = i;
      run = 0;
    }
    run++;
    if (c !== ' ') {
      solid = c;
      solidAt = i;
    }
    prev = c;
    i += c.length;
  }
  pieces.push(text.slice(start));
  return pieces;
}
