// HCIM_IN_PersonRevisedDistribution (PRPA_IN101002CA): the HL7v3 form of a patient change notification.
import type { ChangeEvent } from '../notifications/notifier.js';
import type { Person, SourceRecord } from '../registry/person.js';
import { OID } from '../identifiers.js';
import { messageHeader, personTarget, soapEnvelope } from './v3-write.js';

export const DISTRIBUTION_INTERACTION = 'HCIM_IN_PersonRevisedDistribution';

/**
 * The SOAP envelope HCIM sends an HL7v3 subscriber. The interaction name and its base (PRPA_IN101002CA) are
 * HCIM's; the payload layout is inferred from PRPA_IN101002CA and the sandbox's other HCIM messages, since no
 * distribution sample is public: the subscriber (partner) as receiver, the event code
 * (bc-client-registry-patient-change-notification-events) as controlActProcess/reasonCode, and the person
 * as registrationEvent/subject1/identifiedPerson (IDENT) around identifiedPerson (PSN), as in HCIM_IN_PersonRevisedResult.
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
        code: { '@_code': 'PRPA_TE101002CA', '@_codeSystem': '2.16.840.1.113883.1.18' },
        reasonCode: { '@_code': input.event, '@_codeSystemName': 'bc-client-registry-patient-change-notification-events' },
        subject: {
          '@_typeCode': 'SUBJ',
          registrationEvent: { '@_classCode': 'REG', '@_moodCode': 'EVN', subject1: { '@_typeCode': 'SBJ', identifiedPerson: personTarget(input.person, input.sources) } },
        },
      },
    },
  });
}
