// $letter against hostile content: images that ended or stalled the process in pdfkit, and words, names and sizes
// that froze its line wrapper. Every letter still answers 200; what it leaves out, it says.
import { createRequire } from 'node:module';
import { constants, crc32, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { LETTER_LIMITS } from '../../src/ocean/documents/letter-limits.js';
import { wordPieces } from '../../src/ocean/documents/letter-text.js';
import { createOceanWorld, inbound, post, sendReferral, siteToken, type OceanWorld } from './support/ocean-sandbox.js';

let world: OceanWorld;
let token: string;
beforeAll(async () => {
  world = await createOceanWorld();
  token = await siteToken(world, world.senderSite);
});
afterAll(() => world.close());

/** Every string the letter hands pdfkit's `text()`: what the line wrapper works on. */
const handed = vi.spyOn(PDFDocument.prototype, 'text');
afterEach(() => handed.mockClear());
afterAll(() => handed.mockRestore());
const handedTexts = () => handed.mock.calls.map((c) => String(c[0]));

/** pdfkit's own line breaker (its dependency): the words its wrapper measures. */
const LineBreaker = createRequire(import.meta.url)('linebreak') as new (text: string) => { nextBreak(): { position: number } | null };
function longestWord(texts: string[]): number {
  let longest = 0;
  for (const text of texts) {
    const breaker = new LineBreaker(text);
    let last = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      longest = Math.max(longest, Array.from(text.slice(last, bk.position)).length);
      last = bk.position;
    }
  }
  return longest;
}

async function refer(extra: Record<string, unknown> = {}, patient: Record<string, unknown> = {}): Promise<string> {
  const res = await request(world.sandbox.app)
    .post('/admin/ocean/referrals')
    .send({ patient: { resourceType: 'Patient', name: [{ family: 'Thompson', given: ['Sarah'] }], gender: 'female', birthDate: '1980-01-01', ...patient }, listingRef: world.listingRef, siteNum: world.senderSite, ...extra });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
  return (res.body as { ref: string }).ref;
}

const attach = (title: string, contentType: string, data: Buffer) => ({ title, contentType, data: data.toString('base64') });

/** The letter with its attachments: status, and the text and images of the PDF. */
async function letter(ref: string) {
  const res = await request(world.sandbox.app)
    .get(`/ocean/svc/fhir/v1/ServiceRequest/${ref}/$letter?attachments=true`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((resp, cb) => {
      const chunks: Buffer[] = [];
      resp.on('data', (c: Buffer) => chunks.push(c));
      resp.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  const pdf = res.body as Buffer;
  return { status: res.status, pdf, ...readPdf(pdf) };
}

/** Helvetica's encoding in a PDF: Latin-1 with Windows-1252's extras at 0x80-0x9F (… is 0x85). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) => Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80]! : String.fromCharCode(b))).join('');

/** What a PDF pdfkit drew with Helvetica says (its TJ strings, wrapped lines joined by spaces) and how many images it draws. */
function readPdf(pdf: Buffer): { text: string; images: number } {
  const raw = pdf.toString('latin1');
  const fragments: string[] = [];
  let images = 0;
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start)), { maxOutputLength: 1 << 22 }).toString('latin1');
    } catch {
      continue; // not a page's content (an image, an embedded file)
    }
    if (!body.includes(' TJ')) continue;
    for (const tj of body.matchAll(/\[([^\]]*)\] TJ/g)) fragments.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((h) => winAnsi(Buffer.from(h[1]!, 'hex'))).join(''));
    images += body.match(/\/I\d+ Do/g)?.length ?? 0;
  }
  return { text: fragments.join(' ').replace(/\s+/g, ' '), images };
}

// --- Images -------------------------------------------------------------------------------------------------

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer, length = data.length): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(length >>> 0, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Unfiltered scanlines of a gradient, in Adam7 passes when interlaced. */
function scanlines(width: number, height: number, bitDepth: number, colourType: number, interlace: number): Buffer {
  const rows: Buffer[] = [];
  for (const [x0, y0, dx, dy] of interlace ? ADAM7 : ([[0, 0, 1, 1]] as const)) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    const bytes = Math.ceil((w * CHANNELS[colourType]! * bitDepth) / 8);
    for (let y = 0; y < h; y++) rows.push(Buffer.from([0, ...Array.from({ length: bytes }, (_, x) => (x * 7 + y * 3) & 0xff)]));
  }
  return Buffer.concat(rows);
}

interface PngSpec {
  width: number;
  height: number;
  bitDepth?: number;
  colourType?: number;
  interlace?: number;
  /** The zlib stream; a gradient by default. */
  idat?: Buffer;
  /** Chunks between IHDR and IDAT (PLTE, tRNS). */
  before?: Buffer[];
}

function png({ width, height, bitDepth = 8, colourType = 6, interlace = 0, idat, before = [] }: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colourType;
  ihdr[12] = interlace;
  const data = idat ?? deflateSync(scanlines(width, height, bitDepth, colourType, interlace));
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...before, chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

/** A zlib stream of `n` zero bytes, one flushed block repeated: a decompression bomb without compressing it in the test. */
function zlibZeros(n: number): Buffer {
  const unit = 1 << 20;
  const flushed = (size: number) => deflateRawSync(Buffer.alloc(size), { finishFlush: constants.Z_FULL_FLUSH });
  const whole = flushed(unit);
  const parts = [Buffer.from([0x78, 0x9c])];
  for (let left = n; left > 0; left -= unit) parts.push(left >= unit ? whole : flushed(left));
  parts.push(deflateRawSync(Buffer.alloc(0)));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((n % 65521) << 16) | 1) >>> 0); // Adler-32 of zeros: a = 1, b = n
  return Buffer.concat([...parts, adler]);
}

/** A baseline JPEG of one 8×8 grey block whose frame header says `width`×`height` (all pdfkit reads of it). */
function jpeg(width = 8, height = 8, precision = 8): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]),
    ...segment(0xc0, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, 1, ...Array<number>(15).fill(0), 0]), // DC: one 1-bit code, difference 0
    ...segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0]), // AC: one 1-bit code, end of block
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // DC 0, EOB, padding ones
    0xff, 0xd9,
  ]);
}

describe('$letter images that would end or stall the process', () => {
  it('answers 200 for an RGBA PNG whose compressed data is cut short, and says in its place that it was not shown', async () => {
    const cut = png({ width: 64, height: 64, idat: deflateSync(Buffer.alloc(64 * (1 + 64 * 4))).subarray(0, 20) });
    expect(cut.length).toBe(77);
    const ref = await refer({ attachments: [attach('scan.png', 'image/png', cut)] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.text).toContain('Attachment: scan.png');
    expect(res.text).toMatch(/image not shown: scan\.png: its image data is cut short or corrupt/);
    expect(res.images).toBe(0);
  });

  it('refuses a PNG decompression bomb by its header: 6000×6000 pixels are over the bound, and nothing is decoded', async () => {
    const bomb = png({ width: 6000, height: 6000, idat: zlibZeros(6000 * (1 + 6000 * 4)) });
    expect(bomb.length).toBeLessThan(200_000);
    const ref = await refer({ attachments: [attach('bomb.png', 'image/png', bomb)] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.text).toContain('image not shown: bomb.png: 6000×6000 is 36.0 megapixels; the letter draws PNGs of up to 9 megapixels');
    expect(res.images).toBe(0);
  });

  it('refuses a PNG that decodes to more than its header implies, and one with a scanline filter png-js throws on', async () => {
    const overflowing = png({ width: 64, height: 64, idat: zlibZeros(50_000_000) });
    const rows = scanlines(16, 16, 8, 6, 0);
    rows[3 * (1 + 16 * 4)] = 9; // the fourth scanline's filter type: 0-4 exist
    const badFilter = png({ width: 16, height: 16, idat: deflateSync(rows) });
    const ref = await refer({ attachments: [attach('over.png', 'image/png', overflowing), attach('filter.png', 'image/png', badFilter)] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.text).toContain('image not shown: over.png: its image data decodes to more than the 16,448 bytes its header implies');
    expect(res.text).toContain('image not shown: filter.png: scanline 4 has filter type 9 (0-4 exist)');
    expect(res.images).toBe(0);
  });

  it('refuses chunk lengths that would loop png-js forever or read past the end of the file', async () => {
    const header = png({ width: 4, height: 4, colourType: 2 }).subarray(0, 33);
    const backwards = Buffer.concat([header, chunk('abCD', Buffer.alloc(0), 0xfffffff4), chunk('IEND', Buffer.alloc(0))]);
    const past = Buffer.concat([header, chunk('IDAT', Buffer.alloc(0), 0x7fffffff), chunk('IEND', Buffer.alloc(0))]);
    const ref = await refer({ attachments: [attach('backwards.png', 'image/png', backwards), attach('past.png', 'image/png', past)] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.text).toContain('image not shown: backwards.png: the PNG is malformed (chunk abCD runs past the end of the file)');
    expect(res.text).toContain('image not shown: past.png: the PNG is malformed (chunk IDAT runs past the end of the file)');
  });

  it("refuses PNGs with transparency past the letter's decoding budget, and JPEGs over the pixel bound or not 8-bit", async () => {
    // 2100×2100 RGBA decodes to 17.6 MB: pdfkit would decode, split and recompress it on the event loop.
    const big = png({ width: 2100, height: 2100, idat: zlibZeros(2100 * (1 + 2100 * 4)) });
    const ref = await refer({ attachments: [attach('big.png', 'image/png', big), attach('huge.jpg', 'image/jpeg', jpeg(65535, 65535)), attach('deep.jpg', 'image/jpeg', jpeg(8, 8, 12))] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.text).toContain('image not shown: big.png: it decodes to 17,642,100 bytes with transparency or interlacing; a letter decodes at most 16 MiB of those');
    expect(res.text).toContain('image not shown: huge.jpg: 65535×65535 is 4294.8 megapixels; the letter draws JPEGs of up to 50 megapixels');
    expect(res.text).toContain('image not shown: deep.jpg: a 12-bit JPEG, which PDF cannot embed');
    expect(res.images).toBe(0);
  });

  it('still draws ordinary images: RGBA, RGB, 16-bit grey, interlaced, indexed with transparency, JPEG', async () => {
    const palette = chunk('PLTE', Buffer.from([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]));
    const alpha = chunk('tRNS', Buffer.from([0, 128]));
    const ref = await refer({
      attachments: [
        attach('rgba.png', 'image/png', png({ width: 40, height: 30 })),
        attach('rgb.png', 'image/png', png({ width: 40, height: 30, colourType: 2 })),
        attach('grey16.png', 'image/png', png({ width: 20, height: 20, colourType: 0, bitDepth: 16 })),
        attach('interlaced.png', 'image/png', png({ width: 33, height: 3, colourType: 2, interlace: 1 })),
        attach('indexed.png', 'image/png', png({ width: 12, height: 5, colourType: 3, before: [palette, alpha], idat: deflateSync(Buffer.alloc(5 * 13, 1)) })),
        attach('photo.jpg', 'image/jpeg', jpeg()),
      ],
    });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('not shown');
    expect(res.images).toBe(6);
  });
});

// --- Text -----------------------------------------------------------------------------------------------------

describe('$letter text that would freeze the line wrapper', () => {
  it('refuses a notify-data-correction name part longer than 100 characters with a 400 naming it, and changes nothing', async () => {
    const { ref } = await sendReferral(world);
    const receiver = await siteToken(world, world.receiverSite);
    const before = structuredClone(world.ctx.repo.referral(ref)!.patient);
    const correction = (name: fhir.HumanName) => inbound('notify-data-correction', ref, [{ resourceType: 'Patient', id: 'p', name: [name], birthDate: '1990-01-02' }]);
    const long = await post(world, receiver, correction({ use: 'official', family: 'W'.repeat(130_000), given: ['Sarah'] }));
    expect(long.status).toBe(400);
    expect(long.body.resourceType).toBe('OperationOutcome');
    expect(long.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: ['Patient.name[0].family'] });
    expect(long.body.issue[0].diagnostics).toContain('130000 characters');
    const given = await post(world, receiver, correction({ family: 'Thompson', given: ['Sarah', 'x'.repeat(101)] }));
    expect(given.status).toBe(400);
    expect(given.body.issue[0].expression).toEqual(['Patient.name[0].given[1]']);
    expect(world.ctx.repo.referral(ref)!.patient).toEqual(before);
    const fine = await post(world, receiver, correction({ family: 'W'.repeat(100), given: ['Sarah'] }));
    expect(fine.status).toBe(200);
    expect(world.ctx.repo.referral(ref)!.patient.name![0]!.family).toBe('W'.repeat(100));
  });

  it('hands pdfkit no word longer than the bound, whatever the name, answers and note, and cuts each value to the value bound', async () => {
    const longest = LETTER_LIMITS.value; // the admin API takes answers and notes this long; a patient name up to FHIR's 1 MiB
    const ref = await refer(
      {
        form: {
          formRef: 'f',
          items: [
            { linkId: 'one-word', text: 'One word', answer: 'W'.repeat(longest) },
            // No break pdfkit's line breaker would take, though there are spaces: UAX #14 keeps "! !" and "( a" together.
            { linkId: 'bangs', text: 'Bangs', answer: '! '.repeat(longest / 2) },
            { linkId: 'brackets', text: 'Brackets', answer: '( a'.repeat(longest / 4) },
            { linkId: 'nbsp', text: 'No-break spaces', answer: 'x\u00a0'.repeat(longest / 2) },
          ],
        },
        note: 'N'.repeat(longest),
      },
      { name: [{ family: 'W'.repeat(20_000), given: ['Sarah'] }] },
    );
    const res = await letter(ref);
    expect(res.status).toBe(200);
    const texts = handedTexts();
    expect(longestWord(texts)).toBeLessThanOrEqual(LETTER_LIMITS.word);
    // The name (Sarah and 20,000 letters) is cut to the value bound, and says so.
    expect(res.text).toContain(`${(20_006 - LETTER_LIMITS.value).toLocaleString('en-US')} more characters not printed`);
    expect(texts.join('').split('W').length - 1).toBeLessThanOrEqual(2 * LETTER_LIMITS.value);
  });

  it('prints at most the bound of form items, and says how many it left out', async () => {
    const items = Array.from({ length: LETTER_LIMITS.items + 500 }, (_, i) => ({ linkId: `q${i}`, text: `Question ${i}`, answer: `answer ${i}` }));
    const ref = await refer({ form: { formRef: 'f', items } });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(handedTexts().filter((t) => t.startsWith('Question '))).toHaveLength(LETTER_LIMITS.items);
    expect(res.text).toContain('… 500 more form items not printed');
  });

  it('prints the first 64 KiB of a text attachment and says the rest is attached, a one-word one included', async () => {
    const line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    const prose = line.repeat(20_000);
    const ref = await refer({ attachments: [attach('notes.txt', 'text/plain', Buffer.from(prose)), attach('word.txt', 'text/plain', Buffer.from('A'.repeat(80_000)))] });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    const texts = handedTexts();
    expect(longestWord(texts)).toBeLessThanOrEqual(LETTER_LIMITS.word);
    expect(texts.join('').split('lorem').length - 1).toBeLessThanOrEqual(Math.ceil(LETTER_LIMITS.textAttachment / line.length));
    expect(texts.join('').split('A').length - 1).toBeLessThanOrEqual(LETTER_LIMITS.textAttachment + 10); // + the A of each heading
    expect(res.text.match(/… \(truncated; the full attachment is attached to the referral\)/g)).toHaveLength(2);
  });

  it('lists and appends at most the bound of attachments, and names the rest', async () => {
    // A referral takes at most as many attachments as a letter holds; one kept from before that bound may have more.
    const attachments = Array.from({ length: LETTER_LIMITS.attachments }, (_, i) => attach(`a${i}.txt`, 'text/plain', Buffer.from('x')));
    const ref = await refer({ attachments });
    const stored = world.ctx.repo.referral(ref)!;
    for (let i = LETTER_LIMITS.attachments; i < LETTER_LIMITS.attachments + 20; i++) {
      const id = `${ref}-extra-${i}`;
      world.ctx.repo.putAttachmentData(id, Buffer.from('x').toString('base64'), ref);
      stored.attachments.push({ id, title: `a${i}.txt`, contentType: 'text/plain', size: 1 });
    }
    world.ctx.repo.putReferral(stored);
    const res = await letter(ref);
    expect(res.status).toBe(200);
    expect(handedTexts().filter((t) => t.startsWith('Attachment: '))).toHaveLength(LETTER_LIMITS.attachments);
    expect(handedTexts().filter((t) => /^a\d+\.txt \(text\/plain, 1 bytes\)$/.test(t))).toHaveLength(LETTER_LIMITS.attachments);
    expect(res.text).toContain('… 20 more attachments, neither listed nor appended here');
  });

  it('stops printing form items once the letter holds its total of text', async () => {
    const answer = 'clinical detail '.repeat(250); // 4,000 characters of ordinary words
    const items = Array.from({ length: 60 }, (_, i) => ({ linkId: `q${i}`, text: `Question ${i}`, answer }));
    const ref = await refer({ form: { formRef: 'f', items } });
    const res = await letter(ref);
    expect(res.status).toBe(200);
    const printed = handedTexts().join('').length;
    expect(printed).toBeLessThanOrEqual(LETTER_LIMITS.total + 2_000);
    expect(res.text).toMatch(/… \d+ more form items not printed/);
  });

  it('counts a CJK character, and each change of font, as more than one character against the total', async () => {
    const cjk = Array.from({ length: 12 }, (_, i) => ({ linkId: `c${i}`, text: `Question ${i}`, answer: '王'.repeat(LETTER_LIMITS.value) }));
    const res = await letter(await refer({ form: { formRef: 'f', items: cjk } }));
    expect(res.status).toBe(200);
    const han = handedTexts().join('').split('王').length - 1;
    expect(han).toBeLessThanOrEqual(LETTER_LIMITS.total / LETTER_LIMITS.cjkCost);
    expect(handedTexts().some((t) => /… \d+ more form items not printed/.test(t))).toBe(true);
    handed.mockClear();
    // "a" and "ś" are drawn by two faces of Noto Sans: every character is a text run of its own.
    const mixed = Array.from({ length: 12 }, (_, i) => ({ linkId: `m${i}`, text: `Question ${i}`, answer: 'aś'.repeat(LETTER_LIMITS.value / 2) }));
    expect((await letter(await refer({ form: { formRef: 'f', items: mixed } }))).status).toBe(200);
    expect(handed.mock.calls.length).toBeLessThanOrEqual(LETTER_LIMITS.total / LETTER_LIMITS.fontChangeCost + 100);
  });
});

describe('the pieces a letter hands pdfkit', () => {
  it("never hold a word longer than the bound by pdfkit's own line breaker, keep the text whole, and leave ordinary text one piece", () => {
    // Spaces, punctuation, brackets, quotes, no-break spaces, kana, ideographs, marks, joiners, emoji, line ends.
    const alphabet = ['a', 'W', 'é', 'א', 'ぁ', 'ー', '々', '王', '秀', ' ', ' ', '  ', '!', '?', '(', ')', '[', '}', ',', '.', ';', ':', '"', "'", '«', '»', '“', '”', '❛', '「', '」', '。', '、', '\u00a0', '\u202f', '\n', '\r', '\r\n', '-', '\u2011', '\t', '\u0301', '2', '%', '$', '€', '—', '/', '\u200b', '\u2060', '\u200d', '😀', '👍🏽', 'ก', '한', '\u00ad', '²', '+', '&', '*'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const over: string[] = [];
    for (let t = 0; t < 2_000; t++) {
      const letters = Array.from({ length: 2 + next(8) }, () => alphabet[next(alphabet.length)]!);
      let text = '';
      while (text.length < 20 + next(300)) text += letters[next(letters.length)];
      const pieces = wordPieces(text, 8);
      if (pieces.join('') !== text || longestWord(pieces) > 8) over.push(JSON.stringify(text));
    }
    expect(over).toEqual([]);
    const ordinary = [
      "Knee pain, worse on stairs; medications: metformin 500 mg (twice daily), lisinopril 10 mg. Seen by Dr. O'Brien on 2026-01-02: \"urgent?\" No.",
      'Nguyễn Thị Minh, Wiśniewski, Ельцин, Παπαδόπουλος; 王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英',
      'Previous imaging: none.\n'.repeat(20),
    ];
    for (const text of ordinary) expect(wordPieces(text)).toEqual([text]);
  });
});
