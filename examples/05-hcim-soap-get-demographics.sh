#!/usr/bin/env bash
# HCIM over HL7v3 SOAP: HCIM_IN_GetDemographics by PHN (OID root 2.16.840.1.113883.3.51.1.1.6.1). The wrapper
# follows the Ministry's published clients: message id, creation time, V3PR1, processing P/T, accept ack NE,
# receiver HCIM, sender your device and organization, and the user as dataEnterer. The answer is an
# HCIM_IN_GetDemographicsResponse with acceptAckCode NE and queryResponseCode "BCHCIM.GD.0.0013 | <text>" (no
# acknowledgement, as in the Ministry's HNWeb samples; an error writes "code|text" and puts its code in acceptAckCode too).
#   PHN=9876543264 ./05-hcim-soap-get-demographics.sh   (a confidential client: nullFlavor="MSK")
source "$(dirname "$0")/_lib.sh"
TOKEN="$(registry_token hcim)"
MESSAGE_ID="$(fresh_id)"

curl -sS --fail-with-body "$BASE/hcim/soap" \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: text/xml; charset=utf-8' \
  -H 'SOAPAction: "HCIM_IN_GetDemographics"' \
  --data-binary @- <<XML
<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <HCIM_IN_GetDemographics xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">
      <id root="2.16.840.1.113883.3.51.1.1.1" extension="$MESSAGE_ID"/>
      <creationTime value="$(date -u +%Y%m%d%H%M%S)"/>
      <versionCode code="V3PR1"/>
      <interactionId root="2.16.840.1.113883.3.51.1.1.2" extension="HCIM_IN_GetDemographics"/>
      <processingCode code="P"/>
      <processingModeCode code="T"/>
      <acceptAckCode code="NE"/>
      <receiver typeCode="RCV">
        <device classCode="DEV" determinerCode="INSTANCE">
          <id root="2.16.840.1.113883.3.51.1.1.4" extension="HCIM"/>
          <asAgent classCode="AGNT">
            <representedOrganization classCode="ORG" determinerCode="INSTANCE">
              <id root="2.16.840.1.113883.3.51.1.1.3" extension="HCIM"/>
            </representedOrganization>
          </asAgent>
        </device>
      </receiver>
      <sender typeCode="SND">
        <device classCode="DEV" determinerCode="INSTANCE">
          <id root="2.16.840.1.113883.3.51.1.1.5" extension="DEMO_POS"/>
          <asAgent classCode="AGNT">
            <representedOrganization classCode="ORG" determinerCode="INSTANCE">
              <id root="2.16.840.1.113883.3.51.1.1.3" extension="DEMO"/>
            </representedOrganization>
          </asAgent>
        </device>
      </sender>
      <controlActProcess classCode="ACCM" moodCode="EVN">
        <dataEnterer typeCode="CST">
          <assignedPerson classCode="ENT">
            <id root="2.16.840.1.113883.3.51.1.1.7" extension="$USER_ID"/>
          </assignedPerson>
        </dataEnterer>
        <queryByParameter>
          <queryByParameterPayload>
            <person.id>
              <value root="2.16.840.1.113883.3.51.1.1.6.1" extension="${PHN:-9876543218}" assigningAuthorityName="MOH_CRS"/>
            </person.id>
          </queryByParameterPayload>
        </queryByParameter>
      </controlActProcess>
    </HCIM_IN_GetDemographics>
  </soap:Body>
</soap:Envelope>
XML
echo
