// Chart attachments (DocumentReference) with small real files: PDF reports, a PNG ECG, text notes, a BMP photo.
import { createHash } from 'node:crypto';
import type * as fhir from '../../fhir/types.js';
import { SKIN_TONES } from '../attachments/attachment-cache.js';
import { buildPdf } from '../attachments/pdf.js';
import { testMeta } from '../fhir/meta.js';
import { fieldsNarrative } from '../fhir/narrative.js';
import { SYS } from '../fhir/systems.js';
import { isoDate } from '../time/calendar.js';
import { concept, type ChartContext } from './context.js';

/** File extensions Ocean accepts for chart attachments (docs/smart-launch.md#patient-everything). */
export const OCEAN_ATTACHMENT_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'tiff', 'tif', 'bmp', 'mp3', 'mp4', 'txt', 'pdf', 'mov', 'avi'];

type Kind = 'lab-report' | 'ecg' | 'consult-note' | 'imaging-report' | 'referral-letter' | 'photo';

const KINDS: Record<Kind, { loinc: string; display: string; title: string; ext: 'pdf' | 'png' | 'txt' | 'bmp'; contentType: string }> = {
  'lab-report': { loinc: '11502-2', display: 'Laboratory report', title: 'Laboratory report', ext: 'pdf', contentType: 'application/pdf' },
  ecg: { loinc: '11524-6', display: 'EKG study', title: 'ECG tracing', ext: 'png', contentType: 'image/png' },
  'consult-note': { loinc: '11488-4', display: 'Consult note', title: 'Consultation note', ext: 'txt', contentType: 'text/plain; charset=utf-8' },
  'imaging-report': { loinc: '18748-4', display: 'Diagnostic imaging study', title: 'Diagnostic imaging report', ext: 'pdf', contentType: 'application/pdf' },
  'referral-letter': { loinc: '57133-1', display: 'Referral note', title: 'Referral letter', ext: 'txt', contentType: 'text/plain; charset=utf-8' },
  photo: { loinc: '72170-4', display: 'Photographic image', title: 'Clinical photo', ext: 'bmp', contentType: 'image/bmp' },
};

function latestLabLines(observations: readonly fhir.Observation[]): string[] {
  const latest = new Map<string, string>();
  for (const obs of observations) {
    if (obs.category?.[0]?.coding?.[0]?.code !== 'laboratory' || !obs.valueQuantity) continue;
    latest.set(obs.code.text ?? '', `${obs.code.text}: ${obs.valueQuantity.value} ${obs.valueQuantity.unit} (${obs.effectiveDateTime?.slice(0, 10)})`);
  }
  return latest.size > 0 ? [...latest.values()] : ['No laboratory results on file.'];
}

function payload(ctx: ChartContext, kind: Kind, date: string, observations: readonly fhir.Observation[]): Buffer {
  const name = `${ctx.detail.person.official.given.join(' ')} ${ctx.detail.person.official.family}`;
  const header = [`Patient: ${name}`, `PHN: ${ctx.detail.phn}`, `Date: ${date}`, 'SYNTHETIC TEST DATA - not a real person', ''];
  const problems = ctx.conditions.filter((c) => c.status === 'active').map((c) => c.def.display);
  switch (kind) {
    case 'lab-report': return buildPdf('Laboratory report', [...header, ...latestLabLines(observations)]);
    case 'imaging-report': {
      const exam = ctx.rng.pick(['Chest X-ray, 2 views', 'Abdominal ultrasound', 'X-ray left knee', 'CT head without contrast']);
      return buildPdf('Diagnostic imaging report', [...header, `Exam: ${exam}`, 'Findings: No acute abnormality.', 'Impression: Normal study.']);
    }
    case 'ecg': return ctx.attachments.ecg(ctx.rng.int(28, 48), ctx.rng.int(14, 20));
    case 'photo': return ctx.attachments.photo(ctx.rng.pick(SKIN_TONES), ctx.rng.int(3, 8));
    case 'consult-note':
    case 'referral-letter': {
      const lines = [...header, kind === 'consult-note' ? 'Consultation note' : 'Referral letter', `Active problems: ${problems.join('; ') || 'none'}`, 'Plan: continue current management; follow up as needed.'];
      return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    }
  }
}

function documentReference(ctx: ChartContext, kind: Kind, day: number, observations: readonly fhir.Observation[]): fhir.DocumentReference {
  const def = KINDS[kind];
  const date = isoDate(day);
  const data = payload(ctx, kind, date, observations);
  const title = `${kind}-${date}.${def.ext}`;
  const doc: fhir.DocumentReference = {
    resourceType: 'DocumentReference',
    id: ctx.nextId('doc'),
    meta: testMeta(),
    text: fieldsNarrative(`${def.title} (${title})`, [['Date', date], ['Type', def.display], ['Size', `${data.length} bytes`]]),
    status: 'current',
    docStatus: 'final',
    type: concept(SYS.loinc, def.loinc, def.display),
    subject: { ...ctx.patient },
    date: ctx.clinicTime(day),
    description: def.title,
    content: [{
      attachment: {
        contentType: def.contentType,
        data: data.toString('base64'),
        title,
        size: data.length,
        hash: createHash('sha1').update(data).digest('base64'),
        creation: date,
      },
    }],
  };
  if (ctx.detail.doctor) doc.author = [{ reference: `Practitioner/${ctx.detail.doctor.ipc}`, display: ctx.detail.doctor.name }];
  return doc;
}

/** Adults get one to three attachments, children at most one; the full-chart fixture gets one of each format. See: https://hl7.org/fhir/R4/documentreference.html */
export function buildDocuments(ctx: ChartContext, observations: readonly fhir.Observation[]): fhir.DocumentReference[] {
  if (ctx.visits.length === 0) return [];
  const kinds: Kind[] = ctx.full
    ? ['lab-report', 'ecg', 'consult-note', 'photo', 'imaging-report']
    : ctx.rng.sample<Kind>(ctx.age < 18 ? ['consult-note', 'photo'] : ['lab-report', 'ecg', 'consult-note', 'imaging-report', 'referral-letter', 'photo'], ctx.rng.int(ctx.age < 18 ? 0 : 1, ctx.age < 18 ? 1 : 3));
  return kinds.map((kind) => documentReference(ctx, kind, ctx.rng.pick(ctx.visits), observations));
}
