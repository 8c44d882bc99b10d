// The letter's fonts: Noto Sans (Latin, Vietnamese, Polish, Cyrillic, Greek) with Noto Sans SC for CJK, embedded in the PDF.
import { create, type Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sfntFromWoff } from './woff.js';

export type Weight = 'regular' | 'bold';

/** One font file and the code points it draws, as its package's CSS declares them (`unicode-range`). */
interface Face {
  name: string;
  file: string;
  ranges: Array<[number, number]>;
}

/** A run of text drawn with one face. */
export interface Run {
  text: string;
  face: { name: string; font: Font };
}

export interface LetterFonts {
  /** Splits `text` into runs, each drawn by the first face that covers its characters (Latin first, CJK last). */
  runs(text: string, weight: Weight): Run[];
  /** The characters of `text` no embedded face draws (they print as a box). */
  uncovered(text: string): string[];
  /** Which face draws a code point (an index; -1 for none), as `runs` picks it, without reading any font file. */
  faceOf(cp: number): number;
}

/** The characters PDF's standard fonts draw (WinAnsiEncoding: Latin-1 without C1, plus Windows-1252's extras). */
const WIN_ANSI_EXTRAS = new Set(Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'));

/** True when Helvetica can draw all of `text`: then a letter needs no embedded font (and renders ten times faster). */
export function standardFontsDraw(text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x20 ? !'\n\r\t'.includes(char) : cp > 0x7e && (cp < 0xa0 || cp > 0xff) && !WIN_ANSI_EXTRAS.has(char)) return false;
  }
  return true;
}

/**
 * The fonts come from the fontsource packages (SIL Open Font License), one small file per Unicode subset;
 * only the files a letter uses are read and parsed, once, and pdfkit embeds a subset of each in the PDF.
 */
export function createLetterFonts(): LetterFonts {
  const require = createRequire(import.meta.url);
  const faces = new Map<Weight, Face[]>();
  const parsed = new Map<string, Font>();
  const facesFor = (weight: Weight): Face[] => {
    let list = faces.get(weight);
    if (!list) {
      const latin = readFaces(require.resolve(`@fontsource/noto-sans/${weight === 'bold' ? 700 : 400}.css`), `noto-${weight}`);
      // One weight for CJK: pdfkit embeds a variable font's default outlines (Noto Sans SC's Thin), not an instance.
      const cjk = readFaces(require.resolve('@fontsource-variable/noto-sans-sc/index.css'), 'noto-sc');
      list = [...latin, ...cjk];
      faces.set(weight, list);
    }
    return list;
  };
  // Each code point's first face, looked up once per weight: Noto Sans SC alone has 101 faces and 9,000 ranges to search.
  const tables = new Map<Weight, Uint16Array>();
  const firstFaces = (weight: Weight): Uint16Array => {
    let table = tables.get(weight);
    if (!table) {
      const list = facesFor(weight);
      table = new Uint16Array(0x110000).fill(NO_FACE);
      for (let i = list.length - 1; i >= 0; i--) for (const [lo, hi] of list[i]!.ranges) table.fill(i, lo, Math.min(hi, 0x10ffff) + 1);
      tables.set(weight, table);
    }
    return table;
  };
  // Parsed once and shared by every letter: fontkit keeps its glyph and layout caches, each PDF embeds its own subset.
  const load = (face: Face) => {
    let font = parsed.get(face.file);
    if (!font) parsed.set(face.file, (font = create(sfntFromWoff(readFileSync(face.file))) as Font));
    return { name: face.name, font };
  };
  return {
    uncovered: (text) => Array.from(text).filter((c) => c.codePointAt(0)! > 0x20 && !facesFor('regular').some((f) => covers(f, c.codePointAt(0)!))),
    faceOf: (cp) => {
      const i = firstFaces('regular')[cp] ?? NO_FACE;
      return i === NO_FACE ? -1 : i;
    },
    runs(text, weight) {
      const list = facesFor(weight);
      const first = firstFaces(weight);
      const runs: Run[] = [];
      let current: Face | undefined;
      let buffer = '';
      for (const char of text) {
        const cp = char.codePointAt(0)!;
        // Spaces and marks stay with the run they are in; anything no face covers is drawn by the first (a box).
        const i = first[cp]!;
        const face = cp <= 0x20 && current ? current : i !== NO_FACE ? list[i]! : (current ?? list[0]!);
        if (face !== current && buffer) {
          runs.push({ text: buffer, face: load(current!) });
          buffer = '';
        }
        current = face;
        buffer += char;
      }
      if (buffer && current) runs.push({ text: buffer, face: load(current) });
      return runs;
    },
  };
}

/** In a face table: no face draws this code point. */
const NO_FACE = 0xffff;

function covers(face: Face, cp: number): boolean {
  return face.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** Every text between `open` and the next `close` (plain scanning: no regex to backtrack over a large file). */
function allBetween(text: string, open: string, close: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + open.length)) {
    const end = text.indexOf(close, at + open.length);
    if (end < 0) break;
    found.push(text.slice(at + open.length, end));
  }
  return found;
}

/** Reads the @font-face blocks of a fontsource CSS file: the woff2 file and its unicode-range. */
function readFaces(cssPath: string, prefix: string): Face[] {
  const css = readFileSync(cssPath, 'utf8');
  const faces: Face[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    // WOFF where the package has it: fontkit subsets composite glyphs of WOFF2's transformed glyf table wrongly.
    const urls = allBetween(block, 'url(./files/', ')');
    const file = urls.find((u) => u.endsWith('.woff')) ?? urls.find((u) => u.endsWith('.woff2'));
    const range = allBetween(block, 'unicode-range:', ';')[0]?.trim();
    if (!file || !range) continue;
    faces.push({ name: `${prefix}-${file.replace(/\.woff2?$/, '')}`, file: join(dirname(cssPath), 'files', file), ranges: range.split(',').map(parseRange) });
  }
  return faces;
}

/** `U+0400-045F` -> [0x400, 0x45f]; `U+20B4` -> [0x20b4, 0x20b4]. */
function parseRange(text: string): [number, number] {
  const [lo, hi] = text.trim().replace(/^U\+/i, '').split('-');
  const a = parseInt(lo!, 16);
  return [a, hi ? parseInt(hi, 16) : a];
}
