// An HL7v3 request in a SOAP 1.1 envelope, as a partner's stack sends one to /hcim/soap.
import { XMLBuilder } from 'fast-xml-parser';
import { OID } from '../../../src/hcim/identifiers.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });
let seq = 0;

/** `interaction` with a fresh message id (`<idPrefix>-<n>`), V3PR1, and the given controlActProcess. */
export function soapRequest(interaction: string, controlActProcess: Record<string, unknown>, idPrefix = 'soap'): string {
  const message = {
    '@_xmlns': 'urn:hl7-org:v3',
    id: { '@_root': OID.messageId, '@_extension': `${idPrefix}-${++seq}` },
    versionCode: { '@_code': 'V3PR1' },
    interactionId: { '@_root': OID.interactionId, '@_extension': interaction },
    controlActProcess,
  };
  return builder.build({ 'soap:Envelope': { '@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/', 'soap:Body': { [interaction]: message } } });
}
