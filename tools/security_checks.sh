#!/usr/bin/env bash
# Static security analysis, offline: bandit on eoffice/ and semgrep with the project's own
# rules (.semgrep/rules: their examples first, then the scan). No registry rules, no
# metrics, no version check: these machines reach only the package registries.
# Exits non-zero on any finding. Run from the repository root (`make security` does).
# Why these rules and thresholds: docs/security/static-analysis.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="${VENV:-.venv}"
semgrep_venv="$venv/tools/semgrep"
lock=tools/locks/semgrep.lock

# --- semgrep in its own environment (its exact pins conflict with the test extra) ----
source tools/tool_venv.sh
install_tool_venv "$semgrep_venv" "$lock"
export SEMGREP_SEND_METRICS=off SEMGREP_ENABLE_VERSION_CHECK=0
semgrep=("$semgrep_venv/bin/semgrep" scan --metrics=off --disable-version-check --quiet)

started=$SECONDS
status=0

# --- bandit ------------------------------------------------------------------------
# Medium severity and medium confidence and up fail; B101 (assert) is skipped in
# pyproject.toml. Modules whose dynamic SQL was reviewed skip B608 (bandit has no
# per-file skips, so they get a second run): keep this list in step with the
# paths.exclude of .semgrep/rules/sql.yml.
reviewed_sql=(eoffice/archive/index/fts5.py)
bandit=("$venv/bin/bandit" -c pyproject.toml --quiet --severity-level medium
        --confidence-level medium)
echo "bandit: eoffice/"
excluded=$(IFS=,; echo "${reviewed_sql[*]}")
"${bandit[@]}" -r eoffice -x "$excluded" || status=1
"${bandit[@]}" -s B101,B608 "${reviewed_sql[@]}" || status=1

# --- semgrep: the rules' own examples, then the code ----------------------------------
echo "semgrep: the rules' examples (.semgrep/tests)"
"${semgrep[@]}" --test --config .semgrep/rules .semgrep/tests >/tmp/eoffice-semgrep-test.$$ 2>&1 \
  || { cat /tmp/eoffice-semgrep-test.$$; status=1; }
grep -E "tests passed|did not pass" /tmp/eoffice-semgrep-test.$$ || true
rm -f /tmp/eoffice-semgrep-test.$$

echo "semgrep: eoffice tools migrations tests bench frontend/js"
"${semgrep[@]}" --config .semgrep/rules --error --no-git-ignore --text \
  eoffice tools migrations tests bench frontend/js || status=1

echo "security checks: $([[ $status == 0 ]] && echo passed || echo FAILED) in $((SECONDS - started)) s"
exit $status
