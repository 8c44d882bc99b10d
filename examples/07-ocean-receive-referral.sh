#!/usr/bin/env bash
# Ocean: a referral arrives. Dr. Anna Kowalski's clinic (Ocean site 1007) refers Sarah Thompson (PHN 9876543218)
# to the MRI listing; Ocean pushes an add-service-request message Bundle to the listing's webhook (06-...).
# Prints the referral's reference on stdout (the narration goes to stderr), so it can be captured:
#   REF=$(./07-ocean-receive-referral.sh)
source "$(dirname "$0")/_lib.sh"
SENDER_SITE="${SENDER_SITE:-1007}"
LISTING="${LISTING:-broadway_medical_ima-7310042}"
PHN="${PHN:-9876543218}"

REF="$(curl -sS --fail-with-body "$BASE/admin/ocean/referrals" \
  -H 'Content-Type: application/json' \
  -d "{\"phn\":\"$PHN\",\"listingRef\":\"$LISTING\",\"siteNum\":\"$SENDER_SITE\"}" | json_get 'j.ref')"
echo "referral $REF sent from site $SENDER_SITE to $LISTING" >&2

# Wait (up to 10 s) for the webhook to take it: the reference receiving POS files what it got.
for _ in $(seq 1 50); do
  filed="$(curl -sS "$BASE/pos/receiver/referrals/$REF" || true)"
  case "$filed" in *'"ref"'*) echo "the receiving POS filed it: $filed" >&2; break ;; esac
  sleep 0.2
done
echo "$REF"
