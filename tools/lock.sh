#!/usr/bin/env bash
# Compile the lock files with hashes (`make lock`): requirements.lock from pyproject.toml
# (runtime dependencies and the test extra) and tools/locks/<tool>.lock from
# tools/locks/<tool>.in. Needs the package index; pins the newest versions the
# specifiers allow. Each lock starts with the SHA-256 of its input, which
# tools/check_lock.py compares. Docs: docs/security/dependencies.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="${VENV:-.venv}"
python="${PYTHON:-python3}"
uv_venv="$venv/tools/uv"
if [[ ! -x "$uv_venv/bin/uv" ]]; then
  "$python" -m venv "$uv_venv"
  if [[ -f tools/locks/uv.lock ]]; then
    "$uv_venv/bin/pip" install --quiet --require-hashes --no-deps -r tools/locks/uv.lock
  else
    "$uv_venv/bin/pip" install --quiet "$(grep -v '^#' tools/locks/uv.in)"
  fi
fi
uv="$uv_venv/bin/uv"
# One target for every machine of the project: CPython 3.11 on x86-64 Linux.
target=(--python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes
        --no-header --quiet)

fingerprint() { "$python" -c "
import sys; sys.path.insert(0, 'tools')
import check_lock as c
from pathlib import Path
p = Path(sys.argv[1])
print(c.fingerprint(c.project_input(p) if p.name == 'pyproject.toml' else c.tool_input(p)))
" "$1"; }

write_lock() {  # input, output, uv arguments...
  local input=$1 output=$2 compiled
  shift 2
  compiled="$(mktemp)"
  "$uv" pip compile "$@" "${target[@]}" -o "$compiled"
  { echo "# input-sha256: $(fingerprint "$input")"
    echo "# Compiled by tools/lock.sh (\`make lock\`) from $input: do not edit by hand."
    cat "$compiled"; } > "$output"
  rm -f "$compiled"
  echo "wrote $output ($(grep -cE '^[A-Za-z0-9]' "$output") packages)"
}

write_lock pyproject.toml requirements.lock pyproject.toml --extra test
for source in tools/locks/*.in; do
  write_lock "$source" "${source%.in}.lock" "$source"
done
