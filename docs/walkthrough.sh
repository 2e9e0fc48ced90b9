#!/usr/bin/env bash
# A complaint's whole life against a running API, as the README tells it: creates the four people with the
# CLI, keeps their tokens, and sends each command with curl. Stops at the first refused step, with the
# server's problem+json. Run it from the repository:
#
#   npm start                      # in another terminal: the API on http://localhost:3000, data in ./data
#   bash docs/walkthrough.sh
#
# Environment: API (default http://localhost:3000); DATA_DIR (default ./data), where the API keeps its users;
# LEDGER, the CLI (default: npx ledger; in the compose deployment: docker compose exec -T api ledger).
# Tokens already in CLERK_TOKEN, OFFICER_TOKEN, MANAGER_TOKEN, AUDITOR_TOKEN are used as they are; a person
# without one is added (a second run on the same DATA_DIR: pass the tokens, or `ledger users revoke <id>` first).
# The people recorded in each event are the ones whose tokens sent it: no body names anyone.
set -euo pipefail

API=${API:-http://localhost:3000}
export DATA_DIR=${DATA_DIR:-./data}
read -r -a LEDGER <<<"${LEDGER:-npx ledger}"

step() { printf '\n== %s\n' "$*" >&2; }

# `ledger users add` prints the token alone on a line, once.
token_of() {
  local id=$1 role=$2 out
  if ! out=$("${LEDGER[@]}" users add "$id" --role "$role" 2>&1); then
    printf '%s\nPass their token in the environment, or revoke it first: %s users revoke %s\n' "$(head -n 1 <<<"$out")" "${LEDGER[*]}" "$id" >&2
    return 1
  fi
  grep -E '^clt_' <<<"$out"
}

step "People and their tokens (the CLI stores only a hash)"
CLERK_TOKEN=${CLERK_TOKEN:-$(token_of clerk-anna intake-clerk)}
OFFICER_TOKEN=${OFFICER_TOKEN:-$(token_of officer-petrov quality-officer)}
MANAGER_TOKEN=${MANAGER_TOKEN:-$(token_of manager-georgieva manager)}
AUDITOR_TOKEN=${AUDITOR_TOKEN:-$(token_of auditor-ilieva auditor)}
echo "clerk-anna, officer-petrov, manager-georgieva, auditor-ilieva have tokens" >&2

CLERK=(-H "Authorization: Bearer $CLERK_TOKEN" -H 'Content-Type: application/json')
OFFICER=(-H "Authorization: Bearer $OFFICER_TOKEN" -H 'Content-Type: application/json')
MANAGER=(-H "Authorization: Bearer $MANAGER_TOKEN" -H 'Content-Type: application/json')
AUDITOR=(-H "Authorization: Bearer $AUDITOR_TOKEN")

# Every request fails the script on a 4xx/5xx, with the server's problem+json on stderr.
call() {
  local body
  if ! body=$(curl --silent --show-error --fail-with-body "$@"); then
    printf 'Refused: %s\n' "$body" >&2
    return 1
  fi
  printf '%s\n' "$body"
}
field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/"; }

step "1. received (201; the answer names the new complaint)"
RECEIVED=$(call "${CLERK[@]}" -X POST "$API/complaints" -d '{
  "channel": "in-person",
  "complainant": { "name": "Maria Ivanova", "kind": "person", "email": "maria.ivanova@example.com" },
  "subject": { "productOrService": "Espresso machine EM-200", "serialNumber": "SN-88412093" },
  "description": "The machine stopped heating after two weeks of use.",
  "desiredRemedy": "Replacement or full refund",
  "primaryResponse": "Apologised and offered to check the machine."
}')
echo "$RECEIVED"
ID=$(field complaintId <<<"$RECEIVED")

step "2. registered: the next register number of the year"
REGISTERED=$(call "${OFFICER[@]}" -X POST "$API/complaints/$ID/registration" \
  -d '{"category": "product-quality", "severity": "medium", "responsibleOfficer": "officer-petrov"}')
echo "$REGISTERED"
NUMBER=$(field registerNumber <<<"$REGISTERED")

step "3. investigated"
call "${OFFICER[@]}" -X POST "$API/complaints/$NUMBER/investigation" -d '{"verdict": "founded",
  "findings": "Faulty heating element.", "rootCause": "Defective supplier batch", "responsibleParty": "supplier",
  "correctiveAction": "Quarantine lot L2026-45"}'

step "3a. evidence: the receipt, sent as its own bytes (its type in Content-Type, its name in ?filename=)"
EVIDENCE=$(mktemp)
trap 'rm -f "$EVIDENCE"' EXIT
printf 'Receipt 118842: Espresso machine EM-200, 249.00 EUR\n' >"$EVIDENCE"
ATTACHED=$(call -H "Authorization: Bearer $CLERK_TOKEN" -H 'Content-Type: text/plain' --data-binary @"$EVIDENCE" \
  "$API/complaints/$NUMBER/evidence?filename=receipt-118842.txt")
echo "$ATTACHED"
SHA256=$(field sha256 <<<"$ATTACHED")

step "4. answered (signed by the manager who sends it)"
call "${MANAGER[@]}" -X POST "$API/complaints/$NUMBER/answer" -d '{"channel": "letter",
  "summary": "Thank you. We found a faulty heating element and replace your machine."}'

step "5. compensated (approved by the manager who sends it)"
call "${MANAGER[@]}" -X POST "$API/complaints/$NUMBER/compensations" -d '{"kind": "refund",
  "amount": {"amountMinor": 24900, "currency": "EUR"}, "description": "Full refund"}'

step "6. followed up"
call "${OFFICER[@]}" -X POST "$API/complaints/$NUMBER/follow-ups" -d '{"problemSolved": true, "satisfaction": 4}'

step "7. closed"
call "${OFFICER[@]}" -X POST "$API/complaints/$NUMBER/closure" -d '{}'

step "The auditor: the case by its register number $NUMBER, its history, the chain check"
call "${AUDITOR[@]}" "$API/complaints/$NUMBER"
call "${AUDITOR[@]}" "$API/complaints/$ID/history"
call "${AUDITOR[@]}" "$API/complaints/$ID/verification"
call "${AUDITOR[@]}" "$API/complaints/$ID/evidence"                  # the files: hash, name, type, size, who, when
call "${AUDITOR[@]}" "$API/complaints/$ID/evidence/$SHA256"          # the receipt itself, checked against its hash

step "Done: complaint $ID, register number $NUMBER"
