#!/usr/bin/env bash
# Ocean: register a webhook (an "integration") for the receiving site and link it to its listing, as a site
# admin does in Ocean's portal (Admin > Integrations, then the listing's External Service ID). Ocean first POSTs
# {"challenge": "..."} to the URL; the endpoint must answer 200 with the same value. The sandbox's reference
# receiving POS does; point WEBHOOK at your own POS to test yours.
#   WEBHOOK=https://my-pos.example/ocean ./06-ocean-register-webhook.sh
# Defaults: site 1008 (Broadway Medical Imaging) and its MRI listing, the reference receiving POS.
source "$(dirname "$0")/_lib.sh"
SITE="${SITE:-1008}"
LISTING="${LISTING:-broadway_medical_ima-7310042}"
WEBHOOK="${WEBHOOK:-$BASE/pos/receiver/\$process-message}"

if [ "$WEBHOOK" = "$BASE/pos/receiver/\$process-message" ]; then
  # The reference POS answers referrals by itself ("book" policy); "manual" leaves the answer to you (09-...).
  curl -sS --fail-with-body -X PUT "$BASE/pos/receiver/policy" -H 'Content-Type: application/json' -d '{"mode":"manual"}' >/dev/null
fi

# One integration per site and URL: re-running the example reuses it.
existing="$(curl -sS --fail-with-body "$BASE/admin/ocean/integrations?site=$SITE" | WEBHOOK="$WEBHOOK" json_get '(j.find((i) => i.url === process.env.WEBHOOK) ?? {}).id ?? ""')"
if [ -n "$existing" ]; then
  echo "site $SITE already sends to $WEBHOOK (integration $existing)" >&2
  curl -sS --fail-with-body "$BASE/admin/ocean/integrations?site=$SITE"
  echo
  exit 0
fi

curl -sS --fail-with-body "$BASE/admin/ocean/integrations" \
  -H 'Content-Type: application/json' \
  --data-binary @- <<JSON
{
  "siteNum": "$SITE",
  "url": "$WEBHOOK",
  "listings": ["$LISTING"],
  "payloadVersion": "v0.11"
}
JSON
echo
