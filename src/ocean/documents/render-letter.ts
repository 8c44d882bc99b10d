// The referral letter as a real PDF (pdfkit): patient, requester, receiver, the form, and optionally the attachments.
import PDFDocument from 'pdfkit';
import type { Referral } from '../model.js';
import { standardFontsDraw, type LetterFonts, type Weight } from './letter-fonts.js';

export interface LetterParts {
  title: string;
  createdAt: string;
  siteName: string;
  requester: string;
  receiver: string;
  patientLines: string[];
  /** When `?attachments=true`: each attachment's bytes, appended after the letter. */
  attachments?: Array<{ title: string; contentType: string; data: Buffer }>;
}

/** Writes text in any script: each run in the embedded font that draws it. */
type Write = (text: string, weight: Weight, size: number, color?: string) => void;

/**
 * Renders the letter. When some string is beyond what PDF's standard fonts draw (names like Nguyễn, Wiśniewski
 * or 王), every string is drawn with embedded Unicode fonts, so they come out as written; otherwise Helvetica. Text attachments are printed, PNG/JPEG drawn, anything else (PDF included) embedded
 * as a PDF file attachment on its own page, so `?attachments=true` returns one consolidated PDF.
 * See: docs/ocean.md#the-fhir-api ($letter).
 */
export function renderLetter(referral: Referral, parts: LetterParts, fonts: LetterFonts): Promise<Buffer> {
  const created = new Date(parts.createdAt);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: parts.title, Author: 'Ocean (hie-sandbox)', CreationDate: created, ModDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const embed = !textsOf(referral, parts).every(standardFontsDraw);
  const write: Write = (text, weight, size, color = 'black') => {
    if (!embed) return void doc.font(weight === 'bold' ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor(color).text(text);
    const runs = fonts.runs(text || ' ', weight);
    runs.forEach((run, i) => {
      // pdfkit takes a parsed fontkit font as it takes a file (its font factory checks for `layout`).
      doc.registerFont(run.face.name, run.face.font as unknown as PDFKit.Mixins.PDFFontSource);
      doc.font(run.face.name).fontSize(size).fillColor(color).text(run.text, { continued: i < runs.length - 1 });
    });
  };
  write('eReferral', 'bold', 16);
  write(`Referral ${referral.ref} - sent ${parts.createdAt} from ${parts.siteName}`, 'regular', 9, '#555');
  doc.moveDown();
  section(doc, write, 'Patient', parts.patientLines);
  section(doc, write, 'Referred by', [parts.requester]);
  section(doc, write, 'Referred to', [parts.receiver]);
  write(`Form: ${referral.form.formRef}`, 'bold', 11);
  doc.moveDown(0.3);
  for (const item of referral.form.items) {
    if (item.answer === undefined) {
      if (item.text) write(stripHtml(item.text), 'bold', 10);
    } else {
      write(`${stripHtml(item.text ?? item.linkId)}: ${item.answer === 'Y' ? 'Yes' : item.answer === 'N' ? 'No' : item.answer}`, 'regular', 10);
    }
  }
  if (referral.note) section(doc.moveDown(), write, 'Note', [referral.note]);
  if (referral.attachments.length) section(doc.moveDown(), write, 'Attachments', referral.attachments.map((a) => `${a.title} (${a.contentType}, ${a.size} bytes)`));
  for (const a of parts.attachments ?? []) appendAttachment(doc, write, a, created);
  doc.end();
  return done;
}

/** Every string the letter prints: when Helvetica draws them all, no font is embedded. */
function textsOf(referral: Referral, parts: LetterParts): string[] {
  const items = referral.form.items.flatMap((i) => [i.text ?? '', i.linkId, String(i.answer ?? '')]);
  const attached = (parts.attachments ?? []).map((a) => (a.contentType.startsWith('text/') ? a.data.toString('utf8') : ''));
  const listed = referral.attachments.map((a) => `${a.title} ${a.contentType}`);
  return [parts.title, parts.siteName, parts.requester, parts.receiver, ...parts.patientLines, referral.ref, referral.form.formRef, referral.note ?? '', ...items, ...listed, ...(parts.attachments ?? []).map((a) => a.title), ...attached];
}

function section(doc: PDFKit.PDFDocument, write: Write, heading: string, lines: string[]): void {
  write(heading, 'bold', 11);
  for (const l of lines) write(l, 'regular', 10);
  doc.moveDown(0.6);
}

function appendAttachment(doc: PDFKit.PDFDocument, write: Write, a: { title: string; contentType: string; data: Buffer }, created: Date): void {
  doc.addPage();
  write(`Attachment: ${a.title}`, 'bold', 12);
  doc.moveDown(0.5);
  if (a.contentType.startsWith('text/')) {
    write(a.data.toString('utf8'), 'regular', 10);
  } else if (a.contentType === 'image/png' || a.contentType === 'image/jpeg') {
    try {
      doc.image(a.data, { fit: [500, 600] });
    } catch {
      write('(the image could not be decoded; it is embedded as a file instead)', 'regular', 10);
      doc.file(a.data, { name: a.title, type: a.contentType, creationDate: created, modifiedDate: created });
    }
  } else {
    write(`${a.contentType}, ${a.data.length} bytes, embedded in this PDF as a file attachment.`, 'regular', 10);
    doc.file(a.data, { name: a.title, type: a.contentType, creationDate: created, modifiedDate: created });
  }
}

function stripHtml(text: string): string {
  return text.replace(/<[^<>]+>/g, '').replace(/&nbsp;/g, ' ');
}
