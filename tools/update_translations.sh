#!/usr/bin/env bash
# Re-extract every translatable string and merge it into the es and ca catalogues.
# Then translate what is new (tests/unit/test_translations.py names what is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=.venv/bin
$bin/pybabel extract -F babel.cfg -k _l -c TRANSLATORS: --project=eoffice \
  -o eoffice/translations/messages.pot . >/dev/null 2>&1
$bin/pybabel update -i eoffice/translations/messages.pot -d eoffice/translations \
  --no-fuzzy-matching >/dev/null 2>&1
$bin/pybabel compile -d eoffice/translations >/dev/null 2>&1
