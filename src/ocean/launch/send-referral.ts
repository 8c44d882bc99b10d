// Send: turns the edited form into a referral through the Ocean hub (add-service-request to the receiver, copy to the sender).
import { readCapped } from '../../http/read-capped.js';
import { providerByIpc } from '../../population/index.js';
import type { AppDeps } from '../../app-deps.js';
import { isFhirBoom } from '../../fhir/index.js';
import { oceanContext } from '../context.js';
import { createReferral } from '../referrals/create-referral.js';
import type { ChartAttachment } from './attachments.js';
import { LaunchError } from './launch-error.js';
import type { LaunchSession } from './launch-store.js';
import { callEhr } from './outbound.js';
import { QUICK_REFERRAL_FIELDS, QUICK_REFERRAL_REF } from './referral-form.js';

/** What a Send did: the referral ref, or the message to show on the form. */
export type SendResult = { ok: true; referralRef: string; listingRef: string } | { ok: false; status: number; message: string };

/** Reads the posted form (`listing`, `item.{linkId}`, `attachment`) and creates the referral. */
export async function sendReferral(app: AppDeps, session: LaunchSession, body: Record<string, unknown>): Promise<SendResult> {
  if (!session.patient) return { ok: false, status: 400, message: 'This launch has no patient: launch Ocean from a patient chart to send a referral.' };
  const listingRef = typeof body.listing === 'string' ? body.listing : '';
  if (!listingRef) return { ok: false, status: 400, message: 'Pick a listing to send the referral to.' };
  const siteNum = session.siteNum ?? app.population.oceanSites()[0]?.siteNum;
  if (!siteNum) return { ok: false, status: 400, message: 'The launch named no Ocean site (siteNum) and the sandbox has none.' };
  const items = QUICK_REFERRAL_FIELDS.map((f) => {
    const v = body[`item.${f.linkId}`];
    const answer = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
    return answer ? { linkId: f.linkId, text: f.text, answer } : { linkId: f.linkId, text: f.text };
  });
  const missing = QUICK_REFERRAL_FIELDS.find((f) => f.required && !items.some((i) => i.linkId === f.linkId && i.answer));
  if (missing) return { ok: false, status: 400, message: `${missing.text} is required: fill it in before sending.` };
  const picked = ([] as unknown[]).concat(body.attachment ?? []).filter((x): x is string => typeof x === 'string');
  const attachments: Array<{ title: string; contentType: string; data: string }> = [];
  for (const id of picked) {
    const a = session.attachments.find((x) => x.id === id);
    if (!a) return { ok: false, status: 400, message: `Attachment ${id} is not one of this patient's chart attachments.` };
    attachments.push({ title: a.title, contentType: a.contentType, data: await attachmentData(app, session, a) });
  }
  const requesterIpc = /\/Practitioner\/([^/]+)$/.exec(session.user.fhirUser ?? '')?.[1];
  const knownRequester = requesterIpc && providerByIpc(app.population, requesterIpc) ? requesterIpc : undefined;
  try {
    const referral = createReferral(oceanContext(app), { siteNum, listingRef, patient: session.patient, requesterIpc: knownRequester, form: { formRef: QUICK_REFERRAL_REF, items }, attachments });
    return { ok: true, referralRef: referral.ref, listingRef };
  } catch (err) {
    if (isFhirBoom(err) && err.output.statusCode < 500) return { ok: false, status: err.output.statusCode, message: err.message };
    throw err;
  }
}

async function attachmentData(app: AppDeps, session: LaunchSession, a: ChartAttachment): Promise<string> {
  if (a.data) return a.data;
  const url = new URL(a.url!, `${session.iss}/`).toString();
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.accessToken}` }, signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
  if (!res?.ok) throw new LaunchError('fhir', `The attachment ${a.title} could not be fetched from ${url} (HTTP ${res?.status ?? 'no answer'}).`);
  // No larger than any body Ocean takes (the EHR decides what it sends).
  const { bytes, truncated } = await readCapped(res, app.config.bodyLimitBytes);
  if (truncated) throw new LaunchError('fhir', `The attachment ${a.title} at ${url} is larger than ${app.config.bodyLimitBytes / 1024 / 1024} MiB, the most Ocean takes.`);
  const json = res.headers.get('content-type')?.includes('json') ? (JSON.parse(bytes.toString('utf8')) as { data?: string }) : undefined;
  return json?.data ?? bytes.toString('base64');
}

export { callEhr };
