// The referral letter as a real PDF (pdfkit): patient, requester, receiver, the form, and optionally the attachments.
import PDFDocument from 'pdfkit';
import type { Referral } from '../model.js';

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

/**
 * Renders the letter. Text attachments are printed, PNG/JPEG drawn, anything else (PDF included) embedded
 * as a PDF file attachment on its own page, so `?attachments=true` returns one consolidated PDF.
 * See: ocean.md §3 ($letter).
 */
export function renderLetter(referral: Referral, parts: LetterParts): Promise<Buffer> {
  const created = new Date(parts.createdAt);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: parts.title, Author: 'Ocean (hie-sandbox)', CreationDate: created, ModDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).font('Helvetica-Bold').text('eReferral', { continued: false });
  doc.fontSize(9).font('Helvetica').fillColor('#555').text(`Referral ${referral.ref} - sent ${parts.createdAt} from ${parts.siteName}`).fillColor('black').moveDown();
  section(doc, 'Patient', parts.patientLines);
  section(doc, 'Referred by', [parts.requester]);
  section(doc, 'Referred to', [parts.receiver]);
  doc.font('Helvetica-Bold').fontSize(11).text(`Form: ${referral.form.formRef}`).moveDown(0.3);
  for (const item of referral.form.items) {
    if (item.answer === undefined) {
      if (item.text) doc.font('Helvetica-Bold').fontSize(10).text(stripHtml(item.text)).moveDown(0.2);
    } else {
      doc.font('Helvetica').fontSize(10).text(`${stripHtml(item.text ?? item.linkId)}: ${item.answer === 'Y' ? 'Yes' : item.answer === 'N' ? 'No' : item.answer}`);
    }
  }
  if (referral.note) section(doc.moveDown(), 'Note', [referral.note]);
  if (referral.attachments.length) section(doc.moveDown(), 'Attachments', referral.attachments.map((a) => `${a.title} (${a.contentType}, ${a.size} bytes)`));
  for (const a of parts.attachments ?? []) appendAttachment(doc, a, created);
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, heading: string, lines: string[]): void {
  doc.font('Helvetica-Bold').fontSize(11).text(heading);
  doc.font('Helvetica').fontSize(10);
  for (const l of lines) doc.text(l);
  doc.moveDown(0.6);
}

function appendAttachment(doc: PDFKit.PDFDocument, a: { title: string; contentType: string; data: Buffer }, created: Date): void {
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).text(`Attachment: ${a.title}`).moveDown(0.5).font('Helvetica').fontSize(10);
  if (a.contentType.startsWith('text/')) {
    doc.text(a.data.toString('utf8'));
  } else if (a.contentType === 'image/png' || a.contentType === 'image/jpeg') {
    try {
      doc.image(a.data, { fit: [500, 600] });
    } catch {
      doc.text('(the image could not be decoded; it is embedded as a file instead)');
      doc.file(a.data, { name: a.title, type: a.contentType, creationDate: created, modifiedDate: created });
    }
  } else {
    doc.text(`${a.contentType}, ${a.data.length} bytes, embedded in this PDF as a file attachment.`);
    doc.file(a.data, { name: a.title, type: a.contentType, creationDate: created, modifiedDate: created });
  }
}

function stripHtml(text: string): string {
  return text.replace(/<[^<>]+>/g, '').replace(/&nbsp;/g, ' ');
}
