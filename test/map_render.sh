#!/bin/sh
# test/map_render.sh SVG: render a command map with rsvg-convert (librsvg)
# and print the PNG's size in pixels beside the SVG's width and height,
# which a map at 1:1 must equal.  Used by sql/map.sql.
set -e
svg=$1
png=${svg%.svg}.png
rsvg-convert "$svg" -o "$png"
# a PNG's width and height: big-endian 32-bit integers at bytes 16 and 20
set -- $(od -An -tu1 -j16 -N8 "$png")
w=$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))
h=$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))
sw=$(sed -n 's/^<svg [^>]*width="\([0-9.]*\)".*/\1/p' "$svg")
sh=$(sed -n 's/^<svg [^>]*height="\([0-9.]*\)".*/\1/p' "$svg")
if [ "$w" = "$sw" ] && [ "$h" = "$sh" ]; then
    echo "$(basename "$svg"): rendered at its canvas size"
else
    echo "$(basename "$svg"): rendered ${w}x${h}, canvas ${sw}x${sh}"
fi
