#!/usr/bin/env bash
# PLR: add a practitioner (a registered nurse) with $maintain. The body is a Parameters resource holding
# messageId, messageTime and maintain, a bc-practitioner-bundle with the role PractitionerRole and the
# Practitioner, shaped like the request the Ministry's PLR test suite sends. The answer is a Bundle with an
# OperationOutcome and the new provider under its new IPC.
#   NURSE_ID=R12345 ./03-plr-maintain.sh
source "$(dirname "$0")/_lib.sh"
TOKEN="$(registry_token plr)"
NURSE_ID="${NURSE_ID:-R$RANDOM}"
MESSAGE_ID="$(fresh_id)"

curl -sS --fail-with-body "$BASE/plr/HSA-web/fhir-rs/\$maintain" \
  -H "Authorization: Bearer $TOKEN" \
  -H "UserId: $USER_ID" \
  -H 'Content-Type: application/fhir+json' \
  -H 'Accept: application/fhir+json;fhirVersion=4.0;BCPLRVersion=1' \
  --data-binary @- <<JSON
{
  "resourceType": "Parameters",
  "parameter": [
    { "name": "messageId", "valueString": "$MESSAGE_ID" },
    { "name": "messageTime", "valueDateTime": "2026-03-02T09:00:00-08:00" },
    {
      "name": "maintain",
      "resource": {
        "resourceType": "Bundle",
        "meta": { "profile": ["http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-practitioner-bundle"] },
        "type": "collection",
        "entry": [
          {
            "fullUrl": "urn:uuid:f431631b-ed68-4716-80be-cca6904309fc",
            "resource": {
              "resourceType": "PractitionerRole",
              "meta": { "profile": ["http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-practitioner-role"] },
              "practitioner": {
                "identifier": { "system": "https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-nurse", "value": "$NURSE_ID", "period": { "start": "2005-01-01" } }
              },
              "code": [{ "coding": [{ "system": "https://fhir.infoway-inforoute.ca/CodeSystem/scptype", "code": "RN" }] }]
            }
          },
          {
            "fullUrl": "urn:uuid:67b11c73-c2ee-474f-ab64-56b863a1cc87",
            "resource": {
              "resourceType": "Practitioner",
              "meta": { "profile": ["http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-practitioner"] },
              "extension": [
                { "url": "http://hlth.gov.bc.ca/fhir/provider/StructureDefinition/bc-period-extension", "valuePeriod": { "start": "2012-12-07" } }
              ],
              "identifier": [
                { "system": "https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-license-nurse", "value": "$NURSE_ID", "period": { "start": "2005-01-01" } }
              ],
              "name": [{ "use": "official", "family": "Tester", "given": ["Terry"], "period": { "start": "2013-12-08" } }],
              "gender": "female",
              "birthDate": "1980-05-17"
            }
          }
        ]
      }
    }
  ]
}
JSON
echo
