#!/bin/sh
# Installs the Debian packages Pantau uses: Tesseract with its Indonesian model (OCR of photos)
# and the Noto emoji font of the report PDF; for the tests also PostgreSQL, Chromium and
# poppler (pdftoppm), which they drive for real.
#
#   scripts/system-deps.sh          what the tests need (make test)
#   scripts/system-deps.sh --demo   only what the product needs at run time (make demo)
set -e
missing=""
if [ "$1" != "--demo" ]; then
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
fi
# OCR of campaign text in photos: Tesseract and its Indonesian model.
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
[ -f /usr/share/tesseract-ocr/5/tessdata/ind.traineddata ] || missing="$missing tesseract-ocr-ind"
# Emoji in quoted evidence are drawn in the case report PDF, not dropped.
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$missing fonts-noto-color-emoji"
[ -n "$missing" ] || exit 0
echo "installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing fonts-dejavu-core >/dev/null
