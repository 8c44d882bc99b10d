// $letter and $binary with names and titles in any script: embedded Unicode fonts, RFC 6266/8187 Content-Disposition.
import { inflateSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, fileNameOf } from '../../src/http/content-disposition.js';
import { createLetterFonts } from '../../src/ocean/documents/letter-fonts.js';
import { displayName } from '../../src/ocean/messages/patient.js';
import { createPopulation } from '../../src/population/index.js';
import { createOceanWorld, siteToken, type OceanWorld } from '../ocean/support/ocean-sandbox.js';

let world: OceanWorld;
beforeAll(async () => {
  world = await createOceanWorld();
});
afterAll(() => world.close());

const FHIR = '/ocean/svc/fhir/v1';

/** Every code point the PDF's embedded fonts map back to Unicode (their ToUnicode CMaps), in upper-case hex. */
function mappedCodePoints(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  const found = new Set<string>();
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('begincmap')) continue;
    for (const hex of body.matchAll(/<([0-9a-fA-F]{4,8})>/g)) {
      const h = hex[1]!.toUpperCase();
      found.add(h);
      if (h.length === 8) {
        const hi = parseInt(h.slice(0, 4), 16);
        const lo = parseInt(h.slice(4), 16);
        if (hi >= 0xd800 && hi <= 0xdbff) found.add((((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000).toString(16).toUpperCase());
      }
    }
  }
  return found;
}

const hexOf = (text: string) => [...new Set(Array.from(text.replace(/\s/g, '')).map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')))];

async function referralFor(patient: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await request(world.sandbox.app)
    .post('/admin/ocean/referrals')
    .send({ patient: { resourceType: 'Patient', gender: 'female', birthDate: '1980-01-01', ...patient }, listingRef: world.listingRef, siteNum: world.senderSite, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { ref: string; attachments: Array<{ id: string }> };
}

describe('$letter in any script', () => {
  for (const [family, given] of [
    ['Nguyễn', 'Thị Minh'],
    ['Wiśniewski', 'Olena'],
    ['王', '秀英'],
    ['Ельцин', 'Ольга'],
  ] as const) {
    it(`renders a PDF for ${given} ${family}, the name drawn with embedded fonts and named in filename*`, async () => {
      const r = await referralFor({ name: [{ family, given: [given] }] });
      const token = await siteToken(world, world.senderSite);
      const res = await request(world.sandbox.app).get(`${FHIR}/ServiceRequest/${r.ref}/$letter`).set('Authorization', `Bearer ${token}`).buffer(true).parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const mapped = mappedCodePoints(pdf);
      for (const cp of hexOf(`${given}${family}`)) expect(mapped.has(cp), `U+${cp} of ${given} ${family}`).toBe(true);
      expect(fileNameOf(res.headers['content-disposition'])).toContain(family);
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    });
  }
});

describe('fonts only when needed', () => {
  const letter = async (family: string, given: string) => {
    const r = await referralFor({ name: [{ family, given: [given] }] });
    const token = await siteToken(world, world.senderSite);
    const res = await request(world.sandbox.app).get(`${FHIR}/ServiceRequest/${r.ref}/$letter`).set('Authorization', `Bearer ${token}`).buffer(true).parse((resp, cb) => {
      const chunks: Buffer[] = [];
      resp.on('data', (c: Buffer) => chunks.push(c));
      resp.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return (res.body as Buffer).toString('latin1');
  };

  it('keeps a letter Helvetica can draw (accents of Latin-1 included) free of embedded fonts, and embeds them for the rest', async () => {
    expect(await letter('Thompson', 'Zoë')).not.toContain('/FontFile2');
    expect(await letter('Wiśniewski', 'Olena')).toContain('/FontFile2');
  });
});

describe('$binary with any title', () => {
  it('serves an attachment whose title holds an emoji and CR-LF, with a header that cannot be split', async () => {
    const title = 'Scan 📷 王\r\nSet-Cookie: x=1';
    const r = await referralFor({ name: [{ family: 'Thompson', given: ['Sarah'] }] }, { attachments: [{ title, contentType: 'text/plain', data: Buffer.from('hello').toString('base64') }] });
    const token = await siteToken(world, world.senderSite);
    const res = await request(world.sandbox.app).get(`${FHIR}/DocumentReference/${r.attachments[0]!.id}/$binary`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('hello');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(fileNameOf(res.headers['content-disposition'])).toBe('Scan 📷 王 Set-Cookie: x=1');
  });

  it('prints a text attachment in any script inside the consolidated letter', async () => {
    const r = await referralFor({ name: [{ family: 'Nguyễn', given: ['An'] }] }, { attachments: [{ title: 'ghi chú', contentType: 'text/plain', data: Buffer.from('Bệnh nhân 王').toString('base64') }] });
    const token = await siteToken(world, world.senderSite);
    const res = await request(world.sandbox.app).get(`${FHIR}/ServiceRequest/${r.ref}/$letter?attachments=true`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });
});

describe('Content-Disposition (RFC 6266 / RFC 8187)', () => {
  it('keeps an ASCII fallback and the exact name, and survives lone surrogates and quotes', () => {
    expect(contentDisposition('attachment', 'Nguyễn "A".pdf')).toBe(`attachment; filename="Nguyen _A_.pdf"; filename*=UTF-8''Nguy%E1%BB%85n%20%22A%22.pdf`);
    expect(fileNameOf(contentDisposition('inline', 'bad \ud800 half'))).toBe('bad \ufffd half');
    expect(fileNameOf(contentDisposition('inline', ''))).toBe('document');
  });
});

describe('every seeded patient', () => {
  it('has a name the letter fonts draw completely, Olena Wiśniewski (PHN 9684935905) included, in the default 10,000', () => {
    const population = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 10_000, practitioners: 2_500, organizations: 400, facilities: 600 } });
    const fonts = createLetterFonts();
    const missing = new Set<string>();
    for (const c of population.clients()) for (const ch of fonts.uncovered(displayName(c.patient))) missing.add(ch);
    expect([...missing]).toEqual([]);
    expect(displayName(population.clientByPhn('9684935905')!.patient)).toBe('Olena Wiśniewski');
    expect(fonts.uncovered('Nguyễn Wiśniewski 王 Ельцин Παπαδόπουλος')).toEqual([]);
  });
});
