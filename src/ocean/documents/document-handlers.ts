// GET ServiceRequest/{ref}/$letter and DocumentReference/{id}/$binary: the referral PDF and attachment bytes.
import { providerByIpc } from '../../population/index.js';
import { forbidden, invalid, notFound } from '../../fhir/errors.js';
import { contentDisposition } from '../../http/content-disposition.js';
import type { FhirRequest, FhirResult } from '../../fhir/routes.js';
import { siteOf } from '../auth/guard.js';
import type { OceanContext } from '../context.js';
import { displayName, phnOf } from '../messages/patient.js';
import { localTimeIn } from '../messages/local-time.js';
import { letterTitle } from '../messages/referral-resources.js';
import { currentReceiver, type Referral } from '../model.js';
import type { LetterFonts } from './letter-fonts.js';
import { LETTER_LIMITS } from './letter-limits.js';

/**
 * `?attachments=`: absent, `true` or `false`, once, as its OperationDefinition declares (a boolean); anything else is a
 * 400 rather than a letter silently without them.
 */
function attachmentsParam(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  const given = typeof value === 'string' ? `"${value.length > 64 ? `${value.slice(0, 64)}…` : value}"` : Array.isArray(value) ? `given ${value.length} times` : 'not a single value';
  throw invalid(`$letter's attachments parameter is ${given}; it takes true (append the referral's attachments) or false, once`, { expression: ['attachments'] });
}

/** A site sees a referral it sent or received (now or before a forward). */
function assertCanRead(referral: Referral, site: string | undefined): void {
  if (!site) return;
  if (site === referral.senderSiteNum || referral.receivers.some((h) => h.siteNum === site)) return;
  throw forbidden(`site ${site} is neither the sender nor a receiver of referral ${referral.ref}`);
}

export function createLetterHandler(ctx: OceanContext) {
  let fonts: LetterFonts | undefined; // fontkit loads with the first letter, not at start
  return async (req: FhirRequest): Promise<FhirResult> => {
    const ref = req.params.ref!;
    const withAttachments = attachmentsParam(req.query.attachments);
    const referral = ctx.repo.referral(ref);
    if (!referral) throw notFound(`ServiceRequest/${ref} is not an Ocean referral`);
    assertCanRead(referral, siteOf(req));
    const site = ctx.repo.site(referral.senderSiteNum);
    const listing = ctx.repo.listing(currentReceiver(referral).listingRef);
    const provider = providerByIpc(ctx.deps.population, referral.requesterIpc);
    const name = displayName(referral.patient);
    const title = letterTitle(name, site?.name ?? referral.senderSiteNum, localTimeIn(ctx.deps.config.timeZone)(referral.createdAt, 's'));
    const { renderLetter } = await import('./render-letter.js'); // pdfkit loads on the first letter, not at start
    fonts ??= (await import('./letter-fonts.js')).createLetterFonts();
    const pdf = await renderLetter(referral, {
      title,
      createdAt: referral.createdAt,
      siteName: site?.name ?? referral.senderSiteNum,
      requester: provider ? `${displayName({ resourceType: 'Patient', name: provider.practitioner.name })} (${provider.ipc})` : referral.requesterIpc,
      receiver: listing ? `${listing.title} (${listing.ref}, site ${listing.siteNum})` : currentReceiver(referral).listingRef,
      patientLines: [name, `PHN ${phnOf(referral.patient) ?? 'unknown'}`, `Born ${referral.patient.birthDate ?? 'unknown'}, ${referral.patient.gender ?? 'unknown'}`],
      // Only those the letter appends are decoded (LETTER_LIMITS.attachments).
      attachments: withAttachments
        ? referral.attachments.slice(0, LETTER_LIMITS.attachments).map((a) => ({ title: a.title, contentType: a.contentType, data: Buffer.from(ctx.repo.attachmentData(a.id) ?? '', 'base64') }))
        : undefined,
    }, fonts);
    return { body: pdf, contentType: 'application/pdf', headers: { 'Content-Disposition': contentDisposition('inline', title) }, correlation: { referral: ref } };
  };
}

export function createBinaryHandler(ctx: OceanContext) {
  return (req: FhirRequest): FhirResult => {
    const id = req.params.id!;
    const referral = ctx.repo.referralWithAttachment(id);
    const meta = referral?.attachments.find((a) => a.id === id);
    const data = ctx.repo.attachmentData(id);
    if (!referral || !meta || data === undefined) throw notFound(`DocumentReference/${id} is not an Ocean attachment`);
    assertCanRead(referral, siteOf(req));
    return { body: Buffer.from(data, 'base64'), contentType: meta.contentType, headers: { 'Content-Disposition': contentDisposition('inline', meta.title) }, correlation: { referral: referral.ref } };
  };
}
