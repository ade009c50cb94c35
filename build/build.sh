#!/usr/bin/env bash
# Build the onedir application into dist/Stukken and run its smoke check.
#   bash build/build.sh            # install pinned build requirements, build, smoke check
#   SKIP_INSTALL=1 bash build/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SKIP_INSTALL:-}" ]; then
  python -m pip install -q -r build/requirements.txt
fi
# The work folder must stay out of build/ (PyInstaller's default is ./build).
python -m PyInstaller build/stukken.spec --noconfirm --clean \
  --workpath .pyinstaller-work --distpath dist --log-level WARN

app=dist/Stukken
echo "Folder: $app ($(du -sm "$app" | cut -f1) MB)"
QT_QPA_PLATFORM=offscreen "$app/stukken-cli" selftest
