# Sourced by the scripts that run a tool pinning its own dependencies exactly (semgrep,
# wapiti3): `install_tool_venv DIR LOCK` creates the virtual environment DIR from the hashed
# lock file LOCK (tools/locks/*.lock) once, and again whenever LOCK changes (a stamp named
# after the lock's SHA-256 marks the installed one).

install_tool_venv() {
  local dir="$1" lock="$2" stamp
  stamp="$dir/.installed-$(sha256sum "$lock" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    echo "installing $(basename "$lock" .lock) from $lock into $dir"
    rm -rf "$dir"
    "${PYTHON:-python3}" -m venv "$dir"
    "$dir/bin/pip" install --quiet --require-hashes --no-deps -r "$lock" 2>&1 \
      | { grep -v "^WARNING: Location" || true; }
    touch "$stamp"
  fi
}
