#!/usr/bin/env bash
# Dynamic scan: wapiti3 against `eoffice serve` with the demo city loaded, on loopback.
# Acts as the demo citizen (ana) through an API bearer token, which eoffice also accepts
# on its pages, crawls and attacks the pages and the API, bounded in time; writes the report to
# $DAST_REPORT_DIR (default .ci/tmp/dast) and fails on findings of low severity or
# higher and on any server error (500). Why these modules and this threshold:
# docs/security/static-analysis.md ("Dynamic scan").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
venv="${VENV:-.venv}"
wapiti_venv="$venv/tools/wapiti"
lock=tools/locks/wapiti.lock
report_dir="${DAST_REPORT_DIR:-$root/.ci/tmp/dast}"
scan_seconds="${DAST_SCAN_SECONDS:-150}"   # wapiti's bound on the crawl
attack_seconds="${DAST_ATTACK_SECONDS:-12}" # per attack module: 13 modules

# --- wapiti3 in its own environment (it pins every dependency exactly) ----------------
source tools/tool_venv.sh
install_tool_venv "$wapiti_venv" "$lock"

# --- a demo city of its own on loopback ------------------------------------------------
instance="$(mktemp -d -t eoffice-dast.XXXXXX)"
free_port() { "$venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
port="$(free_port)"
base="http://127.0.0.1:$port"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$instance"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for name in $(env | grep -o '^EOFFICE_[A-Z0-9_]*'); do unset "$name"; done
export EOFFICE_INSTANCE_PATH="$instance"
export EOFFICE_DATABASE_URL="sqlite:///$instance/dast.sqlite3"
export EOFFICE_SECRET_KEY="dast-secret-key-not-for-production"
export EOFFICE_SIGN_IN_RATE_LIMIT="10000 per minute"  # the scanner posts the form often
export EOFFICE_SESSION_COOKIE_SECURE=true  # as in deploy/: the production cookie flags
EOFFICE_DEV_PKI_PORT="$(free_port)"
export EOFFICE_DEV_PKI_PORT

mkdir -p "$report_dir"
started=$SECONDS
"$venv/bin/eoffice" db upgrade >"$report_dir/server.log" 2>&1
"$venv/bin/eoffice" demo load >>"$report_dir/server.log" 2>&1
token="$("$venv/bin/eoffice" tokens create --user ana --name dast --days 1 | tail -n 1)"
setsid "$venv/bin/eoffice" serve --host 127.0.0.1 --port "$port" --workers 2 --threads 4 \
  >>"$report_dir/server.log" 2>&1 &
server_pid=$!
answering() { "$venv/bin/python" -c "import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except Exception:
    sys.exit(1)" "$base/"; }
for _ in $(seq 120); do
  answering && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$report_dir/server.log"; exit 1; }
  sleep 0.5
done
answering || { echo "eoffice serve did not answer on $base" >&2; exit 1; }
echo "demo city on $base in $((SECONDS - started)) s; scanning for up to ${scan_seconds} s"

# --- the scan ------------------------------------------------------------------------
# Modules that need no outside server (ssrf, xxe, log4shell and wapp call the internet);
# not timesql (blind time-based SQL injection: minutes of sleeps; `sql` covers error-
# and boolean-based injection).
modules="xss,permanentxss,sql,exec,file,redirect,crlf,upload,csrf,methods,http_headers,cookieflags,csp"
set +e
"$wapiti_venv/bin/wapiti" --url "$base/" --scope folder \
  --header "Authorization: Bearer $token" \
  --start "$base/api/v1/openapi.json" --start "$base/applications" --start "$base/folder" \
  --exclude "$base/sign-out" --exclude "$base/sign-in*" --exclude "$base/reauthenticate*" \
  --module "$modules" --depth 5 --max-links-per-page 40 --max-files-per-dir 30 \
  --max-scan-time "$scan_seconds" --max-attack-time "$attack_seconds" --tasks 4 \
  --timeout 15 --no-bugreport --flush-session --store-session "$instance/wapiti" \
  --store-config "$instance/wapiti-config" \
  --format json --output "$report_dir/wapiti.json" --log "$report_dir/wapiti.log" \
  --verbose 0 >"$report_dir/wapiti.out" 2>&1
scanned=$?
set -e
if [[ $scanned != 0 ]]; then
  echo "wapiti exited with $scanned:" >&2
  tail -n 30 "$report_dir/wapiti.out" >&2
  exit 1
fi
status=0
"$venv/bin/python" tools/dast_report.py "$report_dir/wapiti.json" \
  --server-log "$report_dir/server.log" || status=$?
echo "dynamic scan: $((SECONDS - started)) s; report in $report_dir/wapiti.json"
exit $status
