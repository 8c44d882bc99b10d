#!/usr/bin/env bash
# A registry token (PLR and HCIM): OAuth 2.0 client_credentials against the Keycloak-shaped realm moh_applications.
# Prints the token response: an RS256 JWT, 300 s, aud ["plr","hcim"] (ask for one audience with -d audience=plr).
source "$(dirname "$0")/_lib.sh"

curl -sS --fail-with-body \
  -d grant_type=client_credentials \
  -d client_id="$CLIENT_ID" \
  -d client_secret="$CLIENT_SECRET" \
  "$BASE/auth/realms/moh_applications/protocol/openid-connect/token"
echo
