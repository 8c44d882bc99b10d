// Checks an attached PNG or JPEG before pdfkit sees it. pdfkit's PNG decoder (png-js) throws from inside a zlib callback
// on a corrupt stream or scanline, where no try/catch reaches and the process ends; it loops forever on a chunk length
// that points backwards; and it decodes whatever size a header claims, splitting and recompressing it on the event loop.
import { inflateSync } from 'node:zlib';
import { LETTER_LIMITS } from './letter-limits.js';

/** PNG pixel data a letter has decoded so far, against LETTER_LIMITS.pngBytes and pngBytesDecodedByPdfkit. */
export interface ImageBudget {
  decoded: number;
  decodedByPdfkit: number;
}

export const imageBudget = (): ImageBudget => ({ decoded: 0, decodedByPdfkit: 0 });

/** Why pdfkit must not be given `data` (a short sentence), or undefined when it may draw it. Counts what it decodes. */
export function imageProblem(data: Buffer, budget: ImageBudget): string | undefined {
  // pdfkit tells the two apart by their first bytes, whatever the attachment's content type says.
  if (data[0] === 0xff && data[1] === 0xd8) return jpegProblem(data);
  if (data.length >= 4 && data.readUInt32BE(0) === 0x89504e47) return pngProblem(data, budget);
  return 'not a PNG or JPEG file';
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bit depths each colour type allows, and its channels (PNG spec 11.2.2). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7: each pass's first column and row and its steps. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
const WHOLE = [[0, 0, 1, 1]] as const;

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
  palette: boolean;
  transparency: boolean;
  idat: Buffer[];
}

function pngProblem(data: Buffer, budget: ImageBudget): string | undefined {
  const png = readChunks(data);
  if (typeof png === 'string') return `the PNG is malformed (${png})`;
  const { width, height, bitDepth, colourType, interlaced } = png;
  if (width === 0 || height === 0) return 'the PNG has no pixels';
  const pixels = width * height;
  if (pixels > LETTER_LIMITS.pngPixels) return `${width}×${height} is ${(pixels / 1e6).toFixed(1)} megapixels; the letter draws PNGs of up to ${LETTER_LIMITS.pngPixels / 1e6} megapixels`;
  if (colourType === 3 && !png.palette) return 'the PNG is malformed (an indexed image without a palette)';
  // What pdfkit decodes itself (png-js): an alpha channel, transparency of a palette, interlacing. The rest goes into the PDF compressed.
  const decodedByPdfkit = colourType === 4 || colourType === 6 || (colourType === 3 && png.transparency) || interlaced;
  if (decodedByPdfkit && bitDepth < 8) return `a ${bitDepth}-bit PNG with transparency or interlacing, which the letter cannot draw`;
  // png-js reads a filter byte for every row of an empty Adam7 pass, and so misreads every row after it.
  if (interlaced && ADAM7.some(([x0, y0]) => width <= x0 && height > y0)) return 'an interlaced PNG narrower than 5 pixels, which the letter cannot draw';
  const rows = scanlines(png);
  const size = rows.reduce((n, r) => n + r.count * (1 + r.bytes), 0);
  const bytes = size.toLocaleString('en-US');
  if (decodedByPdfkit && size > LETTER_LIMITS.pngBytesDecodedByPdfkit - budget.decodedByPdfkit) {
    return `it decodes to ${bytes} bytes with transparency or interlacing; a letter decodes at most ${mib(LETTER_LIMITS.pngBytesDecodedByPdfkit)} of those`;
  }
  if (size > LETTER_LIMITS.pngBytes - budget.decoded) return `it decodes to ${bytes} bytes; a letter decodes at most ${mib(LETTER_LIMITS.pngBytes)} of PNG images`;
  budget.decoded += size;
  if (decodedByPdfkit) budget.decodedByPdfkit += size;
  // The whole stream, decoded here at once and bounded: a corrupt or short one is refused, never handed to png-js.
  let decoded: Buffer;
  try {
    decoded = inflateSync(Buffer.concat(png.idat), { maxOutputLength: size + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return `its image data decodes to more than the ${bytes} bytes its header implies`;
    return `its image data is cut short or corrupt (${(err as Error).message})`;
  }
  if (decoded.length !== size) return `its image data decodes to ${decoded.length.toLocaleString('en-US')} bytes, not the ${bytes} its header implies`;
  // png-js throws on a filter type it does not know, inside zlib's callback.
  let at = 0;
  let line = 0;
  for (const r of rows) {
    for (let y = 0; y < r.count; y++, line++, at += 1 + r.bytes) {
      if (decoded[at]! > 4) return `scanline ${line + 1} has filter type ${decoded[at]} (0-4 exist)`;
    }
  }
  return undefined;
}

/** The scanlines of each pass (one pass unless interlaced; empty ones have none): how many, and the bytes of each after its filter byte. */
function scanlines({ width, height, bitDepth, colourType, interlaced }: Png): Array<{ count: number; bytes: number }> {
  return (interlaced ? ADAM7 : WHOLE)
    .map(([x0, y0, dx, dy]) => ({ w: Math.ceil((width - x0) / dx), h: Math.ceil((height - y0) / dy) }))
    .filter(({ w, h }) => w > 0 && h > 0)
    .map(({ w, h }) => ({ count: h, bytes: Math.ceil((w * bitDepth * CHANNELS[colourType]!) / 8) }));
}

/** The chunks png-js will read, walked as it walks them but with every length checked: the header, the image data, what matters. */
function readChunks(data: Buffer): Png | string {
  if (data.length < 8 || !data.subarray(0, 8).equals(SIGNATURE)) return 'its signature is wrong';
  let png: Png | undefined;
  for (let at = 8; ; ) {
    if (at + 12 > data.length) return 'it has no IEND chunk';
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const name = /^[A-Za-z]{4}$/.test(type) ? type : 'with a type that is not four letters';
    if (length > data.length - at - 12) return `chunk ${name} runs past the end of the file`;
    const body = data.subarray(at + 8, at + 8 + length);
    if (!png && type !== 'IHDR') return 'it does not start with IHDR';
    if (type === 'IHDR') {
      if (png) return 'it has two IHDR chunks';
      if (length !== 13) return 'its IHDR is not 13 bytes';
      const [bitDepth, colourType, compression, filter, interlace] = body.subarray(8, 13);
      if (!DEPTHS[colourType!]?.includes(bitDepth!)) return `bit depth ${bitDepth} with colour type ${colourType} does not exist`;
      if (compression !== 0 || filter !== 0 || interlace! > 1) return 'its compression, filter or interlace method does not exist';
      png = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: bitDepth!, colourType: colourType!, interlaced: interlace === 1, palette: false, transparency: false, idat: [] };
    } else if (type === 'PLTE') {
      if (length === 0 || length % 3 !== 0 || length > 768) return 'its palette is not 1-256 colours';
      png!.palette = true;
    } else if (type === 'tRNS') {
      png!.transparency = true;
    } else if (type === 'IDAT') {
      png!.idat.push(body);
    } else if (type === 'IEND') {
      return png!.idat.length ? png! : 'it has no image data';
    }
    at += 12 + length;
  }
}

/** JPEG: pdfkit copies it into the PDF as it is, after reading the first frame header the way this walks to it. */
function jpegProblem(data: Buffer): string | undefined {
  for (let at = 2; at < data.length; ) {
    while (at < data.length && data[at] !== 0xff) at++;
    if (at + 1 >= data.length) break;
    const marker = data[at + 1]!;
    at += 2;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4) return frameProblem(data, at);
    if (at + 2 > data.length) break;
    at += data.readUInt16BE(at);
  }
  return 'the JPEG has no frame header';
}

function frameProblem(data: Buffer, at: number): string | undefined {
  if (at + 8 > data.length) return 'the JPEG frame header is cut short';
  const precision = data[at + 2]!;
  const height = data.readUInt16BE(at + 3);
  const width = data.readUInt16BE(at + 5);
  const components = data[at + 7]!;
  if (precision !== 8) return `a ${precision}-bit JPEG, which PDF cannot embed`;
  if (![1, 3, 4].includes(components)) return `a JPEG of ${components} colour components; the letter draws greyscale, RGB and CMYK ones`;
  if (width === 0 || height === 0) return 'the JPEG frame header gives no size';
  const pixels = width * height;
  if (pixels > LETTER_LIMITS.jpegPixels) return `${width}×${height} is ${(pixels / 1e6).toFixed(1)} megapixels; the letter draws JPEGs of up to ${LETTER_LIMITS.jpegPixels / 1e6} megapixels`;
  return undefined;
}

const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;
