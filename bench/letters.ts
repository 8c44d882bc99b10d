// bench/letters: $letter PDF rendering time with embedded Unicode fonts, next to a same-run pdfkit Helvetica baseline.
// Run: npx tsx bench/letters.ts [iterations]
import PDFDocument from 'pdfkit';
import { createLetterFonts } from '../src/ocean/documents/letter-fonts.js';
import { renderLetter, type LetterParts } from '../src/ocean/documents/render-letter.js';
import type { Referral } from '../src/ocean/model.js';
import { percentile } from './support/bench-sandbox.js';

const iterations = Number(process.argv[2] ?? 50);

const referral = (name: string) =>
  ({
    ref: 'bench-ref',
    form: { formRef: 'quickReferral', items: [{ linkId: 'mainSection', text: 'Referral' }, { linkId: 'reason', text: 'Reason for referral:', answer: `Please assess ${name}` }] },
    note: undefined,
    attachments: [],
  }) as unknown as Referral;

const parts = (name: string): LetterParts => ({
  title: `Referral for ${name}`,
  createdAt: '2026-03-02T09:00:00.000Z',
  siteName: 'Broadway Medical Imaging',
  requester: 'Dr. Anna Kowalski (IPC.00100001.BC.PRS)',
  receiver: 'Broadway Medical Imaging - MRI (site 1008)',
  patientLines: [name, 'PHN 9876543218', 'Born 1980-01-01, female'],
});

/** The renderer as it was: the standard Helvetica fonts, Latin-1 text only. */
function helvetica(name: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 54 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.font('Helvetica-Bold').fontSize(16).text('eReferral');
    for (const l of parts(name).patientLines) doc.font('Helvetica').fontSize(10).text(l);
    doc.font('Helvetica').text(`Reason for referral: Please assess ${name}`);
    doc.end();
  });
}

async function measure(label: string, render: () => Promise<Buffer>): Promise<void> {
  const t0 = performance.now();
  let bytes = (await render()).length;
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    bytes = (await render()).length;
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} first ${first.toFixed(0).padStart(5)} ms  p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  ${bytes} bytes`);
}

const fonts = createLetterFonts();
console.log(`${iterations} letters each (after one cold render)`);
await measure('baseline: Helvetica, "Sarah Thompson"', () => helvetica('Sarah Thompson'));
await measure('renderLetter, "Sarah Thompson" (Helvetica)', () => renderLetter(referral('Sarah Thompson'), parts('Sarah Thompson'), fonts));
await measure('Noto Sans + latin-ext, "Olena Wiśniewski"', () => renderLetter(referral('Olena Wiśniewski'), parts('Olena Wiśniewski'), fonts));
await measure('Noto Sans + Vietnamese, "Nguyễn Thị Minh"', () => renderLetter(referral('Nguyễn Thị Minh'), parts('Nguyễn Thị Minh'), fonts));
await measure('Noto Sans + Noto Sans SC, "王秀英"', () => renderLetter(referral('王秀英'), parts('王秀英'), fonts));
