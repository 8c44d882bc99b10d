#!/usr/bin/env bash
# PLR: find practitioners by surname with $entityQuery. The answer is a searchset whose first entry is the
# OperationOutcome (PRS.PRP.MTN.UNK.0.0.7067 "Query successful"), then one collection Bundle per provider.
#   SURNAME=Kowalski ./02-plr-query.sh
source "$(dirname "$0")/_lib.sh"
TOKEN="$(registry_token plr)"

curl -sS --fail-with-body -G "$BASE/plr/HSA-web/fhir-rs/Practitioner/\$entityQuery" \
  --data-urlencode "surname=${SURNAME:-Kowalski}" \
  -H "Authorization: Bearer $TOKEN" \
  -H "UserId: $USER_ID" \
  -H 'Accept: application/fhir+json;fhirVersion=4.0;BCPLRVersion=1'
echo
