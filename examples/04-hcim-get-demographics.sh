#!/usr/bin/env bash
# HCIM over FHIR: look a client up by PHN with Patient/$GetDemographics. The body is a collection Bundle:
# first the MetadataParametersIn (a Parameters with a messageId never used before), then the Patient to match.
# The answer is a searchset: MetadataParametersOut, an OperationOutcome with BCHCIM.GD.0.0013, the Patient.
#   PHN=9876543225 ./04-hcim-get-demographics.sh     (a merged PHN: the survivor comes back, with GD.0.0015)
source "$(dirname "$0")/_lib.sh"
TOKEN="$(registry_token hcim)"
MESSAGE_ID="$(fresh_id)"

curl -sS --fail-with-body "$BASE/hcim/fhir/Patient/\$GetDemographics" \
  -H "Authorization: Bearer $TOKEN" \
  -H "UserId: $USER_ID" \
  -H 'Content-Type: application/fhir+json' \
  --data-binary @- <<JSON
{
  "resourceType": "Bundle",
  "type": "collection",
  "entry": [
    {
      "fullUrl": "urn:uuid:0f6c2a0e-3d1b-4c8e-9a51-000000000001",
      "resource": {
        "resourceType": "Parameters",
        "parameter": [{ "name": "messageId", "valueString": "$MESSAGE_ID" }]
      }
    },
    {
      "fullUrl": "urn:uuid:0f6c2a0e-3d1b-4c8e-9a51-000000000002",
      "resource": {
        "resourceType": "Patient",
        "identifier": [
          { "system": "https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-patient-healthcare-id", "value": "${PHN:-9876543218}" }
        ]
      }
    }
  ]
}
JSON
echo
