// HCIM_IN_PersonRevisedDistribution (PRPA_IN101002CA): the HL7v3 form of a patient change notification.
import type { ChangeEvent } from '../notifications/notifier.js';
import type { Person, SourceRecord } from '../registry/person.js';
import { OID } from '../identifiers.js';
import { messageHeader, personTarget, soapEnvelope, v3Time } from './v3-write.js';

export const DISTRIBUTION_INTERACTION = 'HCIM_IN_PersonRevisedDistribution';

/**
 * The SOAP envelope HCIM sends an HL7v3 subscriber, in the elements of the death-date ESB's
 * PRPA_IN101002CA.MFMI_MT700788BC classes: controlActProcess with only effectiveTime (the change's time), dataEnterer
 * (required; the sandbox does not keep who entered a change, so its id is nullFlavor UNK) and subject, whose
 * registrationEvent has statusCode (active, as requests write it) and subject1 with the person as identifiedPerson (IDENT
 * around PSN), as in HCIM_IN_PersonRevisedResult. The classes have no place for the event code, so the message does not
 * carry it (the subscription's event filter still applies). The subscriber (partner) is the receiver. No distribution
 * sample is public. See: https://github.com/bcgov/moh-hcim-death-date-esb (hcimdd/DeathDate-war/src/main/java/org/hl7/v3)
 */
export function personRevisedDistribution(input: { event: ChangeEvent; person: Person; sources: readonly SourceRecord[]; partner: string; at: string }): string {
  const receiver = {
    '@_typeCode': 'RCV',
    device: {
      '@_classCode': 'DEV',
      '@_determinerCode': 'INSTANCE',
      id: { '@_root': OID.senderDevice, '@_extension': input.partner },
      asAgent: { '@_classCode': 'AGNT', representedOrganization: { '@_classCode': 'ORG', '@_determinerCode': 'INSTANCE', id: { '@_root': OID.organization, '@_extension': input.partner } } },
    },
  };
  return soapEnvelope({
    [DISTRIBUTION_INTERACTION]: {
      ...messageHeader({ interaction: DISTRIBUTION_INTERACTION, receiver, at: input.at, processingMode: 'T', acceptAck: 'NE' }),
      controlActProcess: {
        '@_classCode': 'CACT',
        '@_moodCode': 'EVN',
        effectiveTime: { '@_value': v3Time(input.at) },
        dataEnterer: { '@_typeCode': 'CST', assignedPerson: { '@_classCode': 'ENT', id: { '@_nullFlavor': 'UNK' } } },
        subject: {
          '@_typeCode': 'SUBJ',
          registrationEvent: {
            '@_classCode': 'REG',
            '@_moodCode': 'EVN',
            statusCode: { '@_code': 'active' },
            subject1: { '@_typeCode': 'SBJ', identifiedPerson: personTarget(input.person, input.sources) },
          },
        },
      },
    },
  });
}
