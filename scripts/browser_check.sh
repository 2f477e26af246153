#!/usr/bin/env bash
# Open the HTML report of the bundled example agency in a real headless browser, with no
# network, and fail unless it rendered; keep the screenshot as docs/images/report.png.
#
#   scripts/browser_check.sh [PYTHON]        (default: .venv/bin/python, else python3)
#
# Installs Chromium from the system packages when it is missing (needs root and apt).
# Wired by the Makefile as `make browser-check`.
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${1:-}"
if [ -z "$PY" ]; then
    if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

CHROME="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROME" ]; then
    echo "browser-check: installing chromium (Debian package)" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "browser-check: chromium is missing; run as root or install it: apt-get install -y chromium" >&2
        exit 1
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    CHROME="$(command -v chromium)"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# --disable-background-networking & co keep Chromium from hanging on a closed network;
# the host-resolver rule makes any network access fail, so the page must be self-contained.
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       "--host-resolver-rules=MAP * ~NOTFOUND" --hide-scrollbars)
mkdir -p docs/images

# the report in both languages (issue 18): Bahasa Indonesia (the default) and English,
# each with the calibration proposal of the unit that fails its curve
for LANG_ in id en; do
    REPORT="$WORK/report-$LANG_.html"
    SHOT="docs/images/report-$LANG_.png"
    "$PY" -c "from kinerja import reporting; reporting.report(reporting.demo_data(), '$REPORT', lang='$LANG_')"
    timeout 120 "$CHROME" "${FLAGS[@]}" --user-data-dir="$WORK/profile-dom-$LANG_" \
        --dump-dom "file://$REPORT" > "$WORK/dom-$LANG_.html" 2> "$WORK/chromium.log"
    timeout 120 "$CHROME" "${FLAGS[@]}" --user-data-dir="$WORK/profile-shot-$LANG_" \
        --window-size=1100,1700 --screenshot="$SHOT" "file://$REPORT" >> "$WORK/chromium.log" 2>&1
    "$PY" - "$WORK/dom-$LANG_.html" "$SHOT" "$LANG_" <<'PYEOF'
import sys

dom = open(sys.argv[1], encoding="utf-8").read()
lang = sys.argv[3]
heading = {"id": "Usulan kalibrasi", "en": "Calibration proposal"}[lang]
problems = []
if f'lang="{lang}"' not in dom:
    problems.append(f"the page does not declare lang={lang}")
if heading not in dom:
    problems.append(f"the calibration proposal ({heading!r}) is missing")
if dom.count("<details") != 25:
    problems.append(f"expected 25 explanations in the rendered page, found {dom.count('<details')}")
png = open(sys.argv[2], "rb").read()
if not png.startswith(b"\x89PNG") or len(png) < 30_000:
    problems.append(f"the screenshot looks empty ({len(png)} bytes)")
if problems:
    print(f"browser-check ({lang}) FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"browser-check ok ({lang}): rendered in Chromium with the calibration proposal; screenshot {sys.argv[2]}")
PYEOF
done

REPORT="$WORK/report.html"
SHOT="docs/images/report.png"

"$PY" -c "from kinerja import reporting; reporting.report(reporting.demo_data(), '$REPORT', lang='en')"

timeout 120 "$CHROME" "${FLAGS[@]}" --user-data-dir="$WORK/profile-dom" \
    --dump-dom "file://$REPORT" > "$WORK/dom.html" 2> "$WORK/chromium.log"
timeout 120 "$CHROME" "${FLAGS[@]}" --user-data-dir="$WORK/profile-shot" \
    --window-size=1100,1700 --screenshot="$SHOT" "file://$REPORT" >> "$WORK/chromium.log" 2>&1

"$PY" - "$WORK/dom.html" "$SHOT" <<'PYEOF'
import sys

dom = open(sys.argv[1], encoding="utf-8").read()
problems = []
if dom.count("<details") != 25:
    problems.append(f"expected 25 explanations in the rendered page, found {dom.count('<details')}")
if dom.count("<svg") != 3:
    problems.append(f"expected 3 curve figures, found {dom.count('<svg')}")
for unit in ("Sekretariat", "Bidang Perencanaan Ekonomi", "Bidang Infrastruktur dan Kewilayahan"):
    if unit not in dom:
        problems.append(f"unit {unit!r} missing from the rendered page")
png = open(sys.argv[2], "rb").read()
if not png.startswith(b"\x89PNG") or len(png) < 30_000:
    problems.append(f"the screenshot looks empty ({len(png)} bytes)")
if problems:
    print("browser-check FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"browser-check ok: the report rendered in Chromium; screenshot {sys.argv[2]} ({len(png)} bytes)")
PYEOF
