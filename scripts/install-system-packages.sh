#!/usr/bin/env bash
# Debian packages the project needs beyond Python: Chinese OCR of scanned attachments
# (tesseract-ocr, tesseract-ocr-chi-sim), a Chinese font (fonts-wqy-microhei: generated scans in
# evaluate_extraction and the tests, readable screenshots) and Chromium for the browser tests.
# Idempotent: installs only what is missing. Run as root (or through sudo). Never fails the
# caller when apt is unavailable or offline: what is missing is listed, and the code degrades
# (OCR: a Chinese note on the attachment; browser tests: skipped with the reason).
set -uo pipefail

packages=(tesseract-ocr tesseract-ocr-chi-sim fonts-wqy-microhei)
if [ "${1:-}" = "--with-browser" ]; then
  packages+=(chromium)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "未找到 apt-get，请手动安装：${missing[*]}" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "需要 root 权限安装：${missing[*]}" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || { $sudo apt-get update >/dev/null 2>&1 \
       && $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; } \
  || echo "安装失败（离线或软件源不可用），请手动安装：${missing[*]}" >&2
exit 0
