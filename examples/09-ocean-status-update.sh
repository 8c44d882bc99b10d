#!/usr/bin/env bash
# Ocean: the receiving POS answers a referral. It POSTs a notify-update-process-request message to Ocean's
# $process-messages (plural) with its site's token: a MessageHeader naming the referral (ext-referral-identifier)
# and a Task whose status Ocean maps to a folder (accepted -> Pending Booking; rejected -> Declined; completed).
# Only the referral's current receiver may change its status.
#   ./09-ocean-status-update.sh <referral ref> [accepted|rejected|completed|...]
source "$(dirname "$0")/_lib.sh"
REF="${1:?usage: $0 <referral ref from 07-ocean-receive-referral.sh> [task status]}"
STATUS="${2:-accepted}"
TOKEN="$("$(dirname "$0")/08-ocean-token.sh" | json_get 'j.access_token')"
HEADER_ID="$(node -p 'crypto.randomUUID()')"
TASK_ID="$(node -p 'crypto.randomUUID()')"

curl -sS --fail-with-body "$BASE/ocean/svc/fhir/v1/\$process-messages" \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/fhir+json' \
  --data-binary @- <<JSON
{
  "resourceType": "Bundle",
  "type": "message",
  "entry": [
    {
      "fullUrl": "urn:uuid:$HEADER_ID",
      "resource": {
        "resourceType": "MessageHeader",
        "id": "$HEADER_ID",
        "meta": { "profile": ["http://ehealthontario.ca/fhir/StructureDefinition/ca-on-eReferral-profile-MessageHeader|1.0.1"] },
        "extension": [
          {
            "url": "http://ehealthontario.ca/fhir/StructureDefinition/ext-referral-identifier",
            "valueIdentifier": { "system": "$BASE/ocean/svc/fhir/v1/NamingSystem/id-ereferral-reference", "value": "$REF" }
          }
        ],
        "eventCoding": { "system": "https://ehealthontario.ca/fhir/CodeSystem/message-event-code", "code": "notify-update-process-request" },
        "source": { "name": "My POS", "endpoint": "https://my-pos.example/fhir" },
        "focus": [{ "reference": "urn:uuid:$TASK_ID" }]
      }
    },
    {
      "fullUrl": "urn:uuid:$TASK_ID",
      "resource": {
        "resourceType": "Task",
        "id": "$TASK_ID",
        "status": "$STATUS",
        "intent": "order",
        "code": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-TaskOutcome", "code": "process-request" }] },
        "basedOn": [{ "reference": "ServiceRequest/$REF" }]
      }
    }
  ]
}
JSON
echo
