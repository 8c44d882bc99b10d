// The referral letter as a real PDF (pdfkit): patient, requester, receiver, the form, and optionally the attachments.
import PDFDocument from 'pdfkit';
import type { Referral } from '../model.js';
import { standardFontsDraw, type LetterFonts, type Weight } from './letter-fonts.js';
import { imageBudget, imageProblem } from './letter-images.js';
import { LETTER_LIMITS } from './letter-limits.js';
import { affordable, clip, layoutCost, wordPieces } from './letter-text.js';

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

/** An attachment as the letter appends it: its text printed, its image drawn, or its bytes embedded with a line saying so. */
interface Appended {
  kind: 'text' | 'image' | 'file';
  heading: string;
  /** What is printed under the heading (text attachments and embedded files). */
  text: string;
  title: string;
  contentType: string;
  data: Buffer;
}

/** Everything the letter prints, each value within LETTER_LIMITS and each image checked, before pdfkit sees any of it. */
interface Plan {
  header: string;
  patient: string[];
  requester: string;
  receiver: string;
  formRef: string;
  form: Array<{ text: string; weight: Weight }>;
  note?: string;
  listed: string[];
  appended: Appended[];
}

/**
 * Renders the letter. When some string is beyond what PDF's standard fonts draw (names like Nguyễn, Wiśniewski
 * or 王), every string is drawn with embedded Unicode fonts, so they come out as written; otherwise Helvetica. Text attachments are printed, PNG/JPEG drawn, anything else (PDF included) embedded
 * as a PDF file attachment on its own page, so `?attachments=true` returns one consolidated PDF. What a letter prints
 * is bounded (LETTER_LIMITS); what it leaves out, it says.
 * See: docs/ocean.md#the-fhir-api ($letter).
 */
export function renderLetter(referral: Referral, parts: LetterParts, fonts: LetterFonts): Promise<Buffer> {
  const plan = planLetter(referral, parts, fonts);
  const created = new Date(parts.createdAt);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: clip(parts.title, LETTER_LIMITS.value), Author: 'Ocean (hie-sandbox)', CreationDate: created, ModDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const embed = ![parts.title, ...textsOf(plan)].every(standardFontsDraw);
  const write: Write = (text, weight, size, color = 'black') => {
    // Pieces written one after another print as the text does; a long word gets breaks the line wrapper takes in one pass.
    const pieces = wordPieces(text);
    if (!embed) {
      doc.font(weight === 'bold' ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor(color);
      if (pieces.length === 1) return void doc.text(text);
      return void pieces.forEach((piece, i) => doc.text(piece, { continued: i < pieces.length - 1 }));
    }
    const runs = pieces.flatMap((piece) => fonts.runs(piece || ' ', weight));
    runs.forEach((run, i) => {
      // pdfkit takes a parsed fontkit font as it takes a file (its font factory checks for `layout`).
      doc.registerFont(run.face.name, run.face.font as unknown as PDFKit.Mixins.PDFFontSource);
      doc.font(run.face.name).fontSize(size).fillColor(color).text(run.text, { continued: i < runs.length - 1 });
    });
  };
  write('eReferral', 'bold', 16);
  write(plan.header, 'regular', 9, '#555');
  doc.moveDown();
  section(doc, write, 'Patient', plan.patient);
  section(doc, write, 'Referred by', [plan.requester]);
  section(doc, write, 'Referred to', [plan.receiver]);
  write(`Form: ${plan.formRef}`, 'bold', 11);
  doc.moveDown(0.3);
  for (const line of plan.form) write(line.text, line.weight, 10);
  if (plan.note) section(doc.moveDown(), write, 'Note', [plan.note]);
  if (plan.listed.length) section(doc.moveDown(), write, 'Attachments', plan.listed);
  for (const a of plan.appended) appendAttachment(doc, write, a, created);
  doc.end();
  return done;
}

/** What the letter will print, cut to LETTER_LIMITS in the order it prints it, and which images pdfkit may draw. */
function planLetter(referral: Referral, parts: LetterParts, fonts: LetterFonts): Plan {
  let left = LETTER_LIMITS.total;
  const faceOf = (cp: number) => fonts.faceOf(cp);
  /** A value cut to `max` characters and to what is left of the letter's total, and counted against it. */
  const take = (value: unknown, max: number = LETTER_LIMITS.value, tail?: (left: number) => string): string => {
    const whole = String(value ?? '');
    const text = clip(whole, affordable(whole.length > max ? whole.slice(0, max) : whole, Math.max(0, left), faceOf), tail);
    left -= layoutCost(text, faceOf);
    return text;
  };
  const header = `Referral ${referral.ref} - sent ${parts.createdAt} from ${take(parts.siteName)}`;
  const patient = parts.patientLines.map((line) => take(line));
  const requester = take(parts.requester);
  const receiver = take(parts.receiver);
  const formRef = take(referral.form.formRef);
  const form: Plan['form'] = [];
  const items = referral.form.items;
  let shown = 0;
  for (; shown < items.length && shown < LETTER_LIMITS.items && left > 0; shown++) {
    const item = items[shown]!;
    if (item.answer === undefined) {
      if (item.text) form.push({ text: take(stripHtml(String(item.text))), weight: 'bold' });
    } else {
      const answer = item.answer === 'Y' ? 'Yes' : item.answer === 'N' ? 'No' : item.answer;
      form.push({ text: `${take(stripHtml(String(item.text ?? item.linkId)))}: ${take(answer)}`, weight: 'regular' });
    }
  }
  if (shown < items.length) {
    form.push({ text: `… ${count(items.length - shown)} more form items not printed (a letter prints at most ${count(LETTER_LIMITS.items)}, and ${count(LETTER_LIMITS.total)} characters in all); the referral's QuestionnaireResponse has the whole form`, weight: 'regular' });
  }
  const note = referral.note ? take(referral.note) : undefined;
  const listed = referral.attachments.slice(0, LETTER_LIMITS.attachments).map((a) => take(`${a.title} (${a.contentType}, ${a.size} bytes)`));
  const unlisted = referral.attachments.length - listed.length;
  if (unlisted > 0) listed.push(`… ${count(unlisted)} more attachments, neither listed nor appended here (a letter holds at most ${LETTER_LIMITS.attachments}); each is served by its DocumentReference's $binary`);
  const images = imageBudget();
  const truncated = () => '\n… (truncated; the full attachment is attached to the referral)';
  const appended = (parts.attachments ?? []).slice(0, LETTER_LIMITS.attachments).map((a): Appended => {
    const title = take(a.title);
    const base = { heading: `Attachment: ${title}`, title, contentType: a.contentType, data: a.data };
    if (a.contentType.startsWith('text/')) {
      // UTF-8 spends at most 4 bytes on a character, so the bytes past these are never printed: they are not decoded.
      const text = a.data.subarray(0, 4 * (LETTER_LIMITS.textAttachment + 1)).toString('utf8');
      return { ...base, kind: 'text', text: take(text, LETTER_LIMITS.textAttachment, truncated) };
    }
    if (a.contentType === 'image/png' || a.contentType === 'image/jpeg') {
      const problem = imageProblem(a.data, images);
      if (!problem) return { ...base, kind: 'image', text: '' };
      return { ...base, kind: 'file', text: `image not shown: ${title}: ${problem}; the file is embedded in this PDF as an attachment` };
    }
    return { ...base, kind: 'file', text: `${take(a.contentType)}, ${a.data.length} bytes, embedded in this PDF as a file attachment.` };
  });
  return { header, patient, requester, receiver, formRef, form, note, listed, appended };
}

/** Every string the letter prints: when Helvetica draws them all, no font is embedded. */
function textsOf(plan: Plan): string[] {
  return [plan.header, ...plan.patient, plan.requester, plan.receiver, plan.formRef, ...plan.form.map((l) => l.text), plan.note ?? '', ...plan.listed, ...plan.appended.flatMap((a) => [a.heading, a.text])];
}

function section(doc: PDFKit.PDFDocument, write: Write, heading: string, lines: string[]): void {
  write(heading, 'bold', 11);
  for (const l of lines) write(l, 'regular', 10);
  doc.moveDown(0.6);
}

function appendAttachment(doc: PDFKit.PDFDocument, write: Write, a: Appended, created: Date): void {
  doc.addPage();
  write(a.heading, 'bold', 12);
  doc.moveDown(0.5);
  if (a.kind === 'text') {
    write(a.text, 'regular', 10);
    return;
  }
  if (a.kind === 'image') {
    try {
      doc.image(a.data, { fit: [500, 600] });
      return;
    } catch {
      write(`image not shown: ${a.title}: pdfkit could not read it; the file is embedded in this PDF as an attachment`, 'regular', 10);
    }
  } else {
    write(a.text, 'regular', 10);
  }
  doc.file(a.data, { name: a.title, type: a.contentType, creationDate: created, modifiedDate: created });
}

const count = (n: number) => n.toLocaleString('en-US');

function stripHtml(text: string): string {
  return text.replace(/<[^<>]+>/g, '').replace(/&nbsp;/g, ' ');
}
