#!/usr/bin/env bash
# Build the browser assets into eoffice/static/dist/ (git-ignored).
#
#   npm ci in frontend/      (only when package-lock.json changed)
#   sass  -> dist/css/eoffice.css       (only when a source changed)
#   copy  -> dist/js, dist/fonts, dist/images, dist/swagger-ui, dist/test
#   esbuild -> dist/js/modeler.js (bpmn-js), copy -> dist/bpmn-js (its CSS and font)
#
# Idempotent; needs the network only for the first `npm ci`. Run from anywhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frontend="$root/frontend"
modules="$frontend/node_modules"
dist="$root/eoffice/static/dist"

say() { printf 'build_assets: %s\n' "$*"; }

# --- 1. dependencies ---------------------------------------------------------
lock_hash="$(sha256sum "$frontend/package-lock.json" "$frontend/package.json" | sha256sum | cut -d' ' -f1)"
stamp="$modules/.eoffice-installed"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  say "npm ci"
  # No install scripts: none is needed, and one of them (@scarf/scarf, pulled
  # by swagger-ui-dist) only reports installs.
  (cd "$frontend" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$lock_hash" >"$stamp"
fi

# --- 2. stylesheet -----------------------------------------------------------
css="$dist/css/eoffice.css"
newest_source="$(find "$frontend/scss" "$stamp" -type f -newer "$css" -print -quit 2>/dev/null || true)"
if [[ ! -f "$css" || -n "$newest_source" ]]; then
  say "sass -> ${css#"$root"/}"
  mkdir -p "$dist/css"
  "$modules/.bin/sass" --load-path="$modules" --style=compressed --no-source-map \
    --quiet-deps "$frontend/scss/eoffice.scss" "$css.tmp"
  # The brand must never fall back to GOV.UK's own typeface or crest.
  if grep -qE 'GDS Transport|light-[0-9a-f]+-v2|bold-[0-9a-f]+-v2|govuk-crest' "$css.tmp"; then
    say "error: compiled CSS references GOV.UK-only assets" >&2
    rm -f "$css.tmp"
    exit 1
  fi
  mv "$css.tmp" "$css"
fi

# --- 3. copies (cheap: only files that changed are rewritten) ----------------
copy() { # copy SRC... DEST_DIR
  local dest="${*: -1}"
  mkdir -p "$dest"
  cp -u --preserve=timestamps "${@:1:$#-1}" "$dest/"
}

govuk="$modules/govuk-frontend/dist/govuk"
copy "$govuk/govuk-frontend.min.js" "$govuk/govuk-frontend.min.js.map" \
  "$modules/htmx.org/dist/htmx.min.js" \
  "$frontend/js/eoffice.js" "$dist/js"

font_files=()
for weight in 400 700; do
  for subset in latin latin-ext; do
    font_files+=("$modules/@fontsource/source-sans-3/files/source-sans-3-$subset-$weight-normal.woff2")
  done
done
copy "${font_files[@]}" "$modules/@fontsource/source-sans-3/LICENSE" "$dist/fonts"

copy "$frontend/images/"* "$dist/images"

swagger="$modules/swagger-ui-dist"
copy "$swagger/swagger-ui.css" "$swagger/swagger-ui-bundle.js" \
  "$swagger/swagger-ui-standalone-preset.js" "$dist/swagger-ui"

copy "$modules/axe-core/axe.min.js" "$dist/test"

# forms: live conditions (json-logic-js, the same rules as the server's JSON Logic)
copy "$frontend/js/forms.js" "$dist/js"
copy "$frontend/js/builder.js" "$dist/js"  # form builder: keys from the English text
cp -u --preserve=timestamps "$modules/json-logic-js/logic.js" "$dist/js/json-logic.js"

# --- 4. BPMN modeler (admin pages): bpmn-js + bpmn-auto-layout bundled by esbuild -----
modeler="$dist/js/modeler.js"
newest_modeler_source="$(find "$frontend/js/modeler.js" "$frontend/js/spiff-moddle.json" "$stamp" \
  -newer "$modeler" -print -quit 2>/dev/null || true)"
if [[ ! -f "$modeler" || -n "$newest_modeler_source" ]]; then
  say "esbuild -> ${modeler#"$root"/}"
  "$modules/.bin/esbuild" "$frontend/js/modeler.js" --bundle --minify --format=iife \
    --target=es2020 --legal-comments=linked --log-level=warning --outfile="$modeler"
fi
bpmn_assets="$modules/bpmn-js/dist/assets"
copy "$bpmn_assets/diagram-js.css" "$bpmn_assets/bpmn-js.css" "$dist/bpmn-js"
copy "$bpmn_assets/bpmn-font/css/bpmn.css" "$dist/bpmn-js/bpmn-font/css"
copy "$bpmn_assets/bpmn-font/font/bpmn.woff2" "$bpmn_assets/bpmn-font/font/bpmn.woff" \
  "$dist/bpmn-js/bpmn-font/font"

say "ok (${dist#"$root"/})"
