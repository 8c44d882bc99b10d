// The referral itself in Ocean's shapes: the $letter and attachment DocumentReferences, ServiceRequest, QuestionnaireResponse.
import type * as fhir from '../../fhir/types.js';
import { escapeXhtml } from '../../fhir/outcome.js';
import type { PayloadVersion } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { Referral, ReferralForm } from '../model.js';
import { entry, refTo, type Entry } from './envelope.js';
import type { LocalTime } from './local-time.js';

/** `<Patient>-<Site>-<yyyy-mm-dd>.pdf`, the title Ocean gives the referral letter. */
export function letterTitle(patientName: string, siteName: string, createdAt: string): string {
  return `${patientName}-${siteName}-${createdAt.slice(0, 10)}.pdf`;
}

/** The DocumentReference of the referral letter (`$letter`), then one per attachment (`$binary`). */
export function documentEntries(ctx: OceanContext, version: PayloadVersion, referral: Referral, title: string, local: LocalTime): Entry<fhir.DocumentReference>[] {
  const date = local(referral.createdAt, 'ms');
  const creation = local(referral.createdAt, 's');
  const refId = { system: ctx.namingSystem('id-ereferral-reference'), value: referral.ref };
  const letter = entry<fhir.DocumentReference>(
    {
      resourceType: 'DocumentReference',
      identifier: [refId],
      status: 'current',
      date,
      content: [{ attachment: { contentType: 'application/pdf', url: `${ctx.fhirBase}/ServiceRequest/${referral.ref}/$letter`, title, creation } }],
    },
    version,
  );
  const attachments = referral.attachments.map((a) =>
    entry<fhir.DocumentReference>(
      {
        resourceType: 'DocumentReference',
        identifier: [refId, { system: ctx.namingSystem('id-attachment-reference'), value: a.id }],
        status: 'current',
        date,
        content: [{ attachment: { contentType: a.contentType, url: `${ctx.fhirBase}/DocumentReference/${a.id}/$binary`, title: a.title, size: a.size, creation } }],
      },
      version,
    ),
  );
  return [letter, ...attachments];
}

/** The form rendered as Ocean's HTML note: bold section titles, "question: answer" lines. */
export function formNoteHtml(form: ReferralForm, note?: string): string {
  const lines: string[] = [];
  for (const item of form.items) {
    if (item.answer === undefined) {
      if (item.text) lines.push(`<b><br>${escapeXhtml(item.text)}<br></b>`);
    } else {
      const answer = item.answer === 'Y' ? 'Yes' : item.answer === 'N' ? 'No' : item.answer;
      const question = item.text ?? item.linkId;
      lines.push(`${escapeXhtml(question)}${question.trimEnd().endsWith(':') ? '' : ':'} ${escapeXhtml(answer)}<br>`);
    }
  }
  if (note) lines.push(`<b><br>Note<br></b>${escapeXhtml(note)}`);
  return lines.join('');
}

export interface ServiceRequestRefs {
  patient: Entry;
  requester: Entry;
  performer: Entry;
  practitioner: Entry;
  supportingInfo: Entry[];
}

/** The ServiceRequest; its fullUrl is `urn:uuid:<referral ref>` so the header's focus names the referral. */
export function serviceRequestEntry(ctx: OceanContext, version: PayloadVersion, referral: Referral, refs: ServiceRequestRefs, local: LocalTime): Entry<fhir.ServiceRequest> {
  const authored = local(referral.createdAt, 's');
  // Built key by key so the JSON keeps the real payload's element order.
  const sr = {
    resourceType: 'ServiceRequest',
    identifier: [{ system: ctx.namingSystem('id-ereferral-reference'), value: referral.ref }],
    status: referral.serviceRequestStatus,
    intent: 'proposal',
  } as fhir.ServiceRequest;
  if (referral.category) sr.category = [referral.category];
  sr.priority = referral.priority;
  if (referral.code) sr.code = referral.code;
  sr.subject = refTo(refs.patient);
  sr.authoredOn = authored;
  sr.requester = refTo(refs.requester);
  sr.performer = [refTo(refs.performer)];
  sr.supportingInfo = refs.supportingInfo.map(refTo);
  sr.note = [{ authorReference: refTo(refs.practitioner), time: authored, text: formNoteHtml(referral.form, referral.note) }];
  return entry(sr, version, referral.ref);
}

/** The form as a flat QuestionnaireResponse; `identifier` is a single object, as Ocean sends it. */
export function questionnaireResponseEntry(ctx: OceanContext, version: PayloadVersion, form: ReferralForm, patient: Entry, practitioner: Entry): Entry<fhir.QuestionnaireResponse> {
  return entry<fhir.QuestionnaireResponse>(
    {
      resourceType: 'QuestionnaireResponse',
      identifier: { system: ctx.namingSystem('id-form-reference'), value: form.formRef },
      status: 'completed',
      subject: refTo(patient),
      author: refTo(practitioner),
      item: form.items.map((i) => {
        const item: fhir.QuestionnaireResponseItem = { linkId: i.linkId };
        if (i.text) item.text = i.text;
        if (i.answer !== undefined) item.answer = [{ valueString: i.answer }];
        return item;
      }),
    },
    version,
  );
}
