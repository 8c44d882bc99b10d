# Shared by the examples: the base URL, the demo partner, and a JSON field reader that needs only Node.
# Source it; it sets BASE and defines json_get and registry_token.
set -euo pipefail

# The sandbox to talk to. Export HIE_SANDBOX_URL to use another one.
BASE="${HIE_SANDBOX_URL:-http://127.0.0.1:8900}"

# The demo partner that exists out of the box.
CLIENT_ID="${CLIENT_ID:-demo-pos}"
CLIENT_SECRET="${CLIENT_SECRET:-demo-secret}"
USER_ID="${USER_ID:-demo@IDIR}"

# json_get EXPR: reads JSON on stdin and prints the JavaScript expression EXPR evaluated on it (`j`).
#   curl ... | json_get 'j.access_token'
json_get() {
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); const v = eval(process.argv[1]); if (v === undefined) { console.error("no " + process.argv[1] + " in " + s.slice(0, 300)); process.exit(1); } console.log(typeof v === "string" ? v : JSON.stringify(v)); });' "$1"
}

# registry_token [AUDIENCE]: a PLR/HCIM bearer token for the demo partner (client_credentials), printed on stdout.
registry_token() {
  curl -sS --fail-with-body \
    -d grant_type=client_credentials -d "client_id=$CLIENT_ID" -d "client_secret=$CLIENT_SECRET" ${1:+-d "audience=$1"} \
    "$BASE/auth/realms/moh_applications/protocol/openid-connect/token" | json_get 'j.access_token'
}

# A message id nobody has used yet (the registries refuse a reused one).
fresh_id() { echo "example-$(date -u +%Y%m%d%H%M%S)-$$-$RANDOM"; }
