// Finds which referral an inbound message is about, from every place Ocean's clients put the referral ref.
import { notFound, required } from '../../fhir/errors.js';
import type * as fhir from '../../fhir/types.js';
import { EXT } from '../codes.js';
import type { OceanContext } from '../context.js';
import type { Referral } from '../model.js';
import type { InboundMessage } from './parse-message.js';

const isRefSystem = (s?: string) => Boolean(s?.endsWith('/id-ereferral-reference') || s === 'id-ereferral-reference');

/** Candidate refs in order of authority: header extensions, then ServiceRequest identifiers, then basedOn links. */
function candidates(msg: InboundMessage): Array<{ ref: string; via: string }> {
  const out: Array<{ ref: string; via: string }> = [];
  for (const ext of msg.header.extension ?? []) {
    if (ext.url === EXT.referralIdentifier && ext.valueIdentifier?.value) out.push({ ref: ext.valueIdentifier.value, via: 'header' });
    if (ext.url === EXT.messageHeaderId && ext.valueString) out.push({ ref: ext.valueString, via: 'header' });
  }
  for (const sr of msg.ofType<fhir.ServiceRequest>('ServiceRequest')) {
    for (const id of sr.identifier ?? []) if (isRefSystem(id.system) && id.value) out.push({ ref: id.value, via: 'ServiceRequest.identifier' });
  }
  const linked = [...msg.ofType<fhir.Task>('Task'), ...msg.ofType<fhir.Appointment>('Appointment'), ...msg.ofType<fhir.Communication>('Communication')];
  for (const r of linked) {
    for (const b of r.basedOn ?? []) {
      const target = msg.resolve(b) as fhir.ServiceRequest | undefined;
      const id = target?.identifier?.find((i) => isRefSystem(i.system))?.value;
      if (id) out.push({ ref: id, via: `${r.resourceType}.basedOn` });
      const m = /ServiceRequest\/([^/]+)$/.exec(b.reference ?? '');
      if (m) out.push({ ref: m[1]!, via: `${r.resourceType}.basedOn` });
    }
    if (r.resourceType === 'Communication') {
      for (const id of r.identifier ?? []) if (id.system?.endsWith('id-referral-target-reference') && id.value) out.push({ ref: id.value, via: 'Communication.identifier' });
    }
  }
  return out;
}

/** The referral the message is about; warns when the header does not carry the ref. 400/404 when none is found. */
export function locateReferral(ctx: OceanContext, msg: InboundMessage): Referral {
  const all = candidates(msg);
  if (all.length === 0) {
    throw required(
      `cannot tell which referral this ${msg.event} is about: put the referral ref in MessageHeader.extension (${EXT.referralIdentifier} or ${EXT.messageHeaderId}) or in Task/Appointment.basedOn ServiceRequest/{ref}`,
      { expression: ['MessageHeader.extension'] },
    );
  }
  for (const c of all) {
    const referral = ctx.repo.referral(c.ref);
    if (referral) {
      if (c.via !== 'header') msg.tolerate('referral ref not in MessageHeader.extension', `the referral ref was found in ${c.via}; Ocean expects it in MessageHeader.extension ${EXT.referralIdentifier}`);
      return referral;
    }
  }
  throw notFound(`referral ${all[0]!.ref} does not exist in Ocean (looked in ${[...new Set(all.map((c) => c.via))].join(', ')})`);
}
