#!/usr/bin/env bash
# Lists the mail GreenMail received on the local stack, through its REST API
# (http://127.0.0.1:8025, OpenAPI UI at that address):
#   GET  /api/user                                 mailboxes (one per recipient, auth disabled)
#   GET  /api/user/<address>/messages/INBOX        messages, with the full MIME text
#   POST /api/mail/purge                           deletes all mail
# IMAP works too: 127.0.0.1:3143, login = the recipient address (any password while auth is
# disabled), e.g. Python's imaplib.
#
#   deploy/local/mail.sh [address]          one line per message: recipient, uid, from, subject
#   deploy/local/mail.sh --full [address]   headers and body of each message
#   deploy/local/mail.sh --json [address]   the API's JSON as is
#   deploy/local/mail.sh --purge            delete all received mail
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=list address=""
for arg in "$@"; do
  case "${arg}" in
    --full) mode=full ;;
    --json) mode=json ;;
    --purge) mode=purge ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option: ${arg} (try --help)" ;;
    *) address=${arg} ;;
  esac
done

api="http://${HOST}:${MAIL_API_PORT}/api"
curl -sf -o /dev/null -m 3 "${api}/service/readiness" \
  || die "GreenMail API not answering on ${api}: run deploy/local/up.sh --infra-only"

if [[ "${mode}" == purge ]]; then
  curl -sf -m 10 -X POST "${api}/mail/purge" >/dev/null
  ok "all mail purged"
  exit 0
fi

# Python's stdlib decodes the MIME text (encoded subjects, multipart bodies) better than sed.
exec python3 - "${api}" "${mode}" "${address}" <<'PY'
import email, email.policy, json, sys, urllib.parse, urllib.request

api, mode, only = sys.argv[1:4]

def get(path):
    with urllib.request.urlopen(api + path, timeout=10) as r:
        return json.load(r)

users = [u["email"] for u in get("/user")]
if only:
    users = [u for u in users if u.lower() == only.lower()]
    if not users:  # GreenMail creates the mailbox on first delivery: none means no mail yet
        print(f"no mail received for {only}", file=sys.stderr)
        sys.exit(0)
boxes = {u: get("/user/" + urllib.parse.quote(u, safe="@") + "/messages/INBOX") for u in users}

if mode == "json":
    json.dump(boxes, sys.stdout, indent=2)
    print()
    sys.exit(0)

count = 0
width = max([32] + [len(u) for u in boxes])  # long (e.g. plus-addressed) recipients stay aligned
for user, messages in sorted(boxes.items()):
    for m in messages:
        count += 1
        msg = email.message_from_string(m["mimeMessage"], policy=email.policy.default)
        if mode == "list":
            print(f"{user:{width}} #{m['uid']:<4} from {msg['From'] or '?':26} {msg['Subject'] or ''}")
            continue
        print(f"===== {user} #{m['uid']}")
        for h in ("Date", "From", "To", "Cc", "Subject", "Message-ID"):
            if msg[h]:
                print(f"{h}: {msg[h]}")
        body = msg.get_body(preferencelist=("plain", "html"))
        print()
        print(body.get_content().rstrip() if body else "(no text body)")
        for part in msg.iter_attachments():
            print(f"[attachment: {part.get_filename()} {part.get_content_type()}]")
        print()
print(f"{count} message(s) in {len(boxes)} mailbox(es)", file=sys.stderr)
PY
