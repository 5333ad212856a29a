#!/usr/bin/env bash
# Draws the program's icon (a ledger-red tile with 账 in white over a gold
# rule) from the bundled font, at the sizes Windows and Linux desktops
# ask for: zhibu.ico (16–256 px, for the exe) and zhibu.png (256 px, for
# the .desktop file). Needs ImageMagick 6. Run once; the results are kept.
set -euo pipefail
cd "$(dirname "$0")"
font=../fonts/NotoSansCJKsc-Subset.otf
big=$(mktemp --suffix=.png)
convert -size 1024x1024 xc:none \
  -fill '#b8141f' -draw 'roundrectangle 40,40 984,984 170,170' \
  -fill '#e9b949' -draw 'rectangle 200,800 824,850' \
  -font "$font" -pointsize 640 -fill white -stroke white -strokewidth 18 \
  -gravity center -annotate +0-60 '账' \
  "$big"
convert "$big" -resize 256x256 -depth 8 zhibu.png
for s in 16 24 32 48 64 128 256; do convert "$big" -resize ${s}x${s} -depth 8 "$big.$s.png"; done
convert "$big".{16,24,32,48,64,128,256}.png zhibu.ico
rm -f "$big" "$big".*.png
