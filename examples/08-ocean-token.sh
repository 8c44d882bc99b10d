#!/usr/bin/env bash
# Ocean: a bearer token for one Ocean site (OAuth 2.0 client_credentials, one credential per site). The
# credentials come from the site's admin page (Ocean portal: Admin > Credentials; here the admin API).
# OceanMD's own clients send them either in a Basic header or in the form body; both work. This uses Basic.
#   SITE=1008 ./08-ocean-token.sh
source "$(dirname "$0")/_lib.sh"
SITE="${SITE:-1008}"
site="$(curl -sS --fail-with-body "$BASE/admin/ocean/sites/$SITE")"
OCEAN_CLIENT_ID="$(echo "$site" | json_get 'j.clientId')"
OCEAN_CLIENT_SECRET="$(echo "$site" | json_get 'j.clientSecret')"

curl -sS --fail-with-body "$BASE/ocean/svc/oauth2/token" \
  -u "$OCEAN_CLIENT_ID:$OCEAN_CLIENT_SECRET" \
  -d grant_type=client_credentials
echo
