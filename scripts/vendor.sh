#!/usr/bin/env bash
# Copies the front-end libraries installed by npm (end2end/package.json, exact versions)
# into public/vendor/, which cargo-leptos copies into the site. Nothing is fetched from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
nm=end2end/node_modules
out=public/vendor
copy() { # copy SRC DEST only when missing or different
  mkdir -p "$(dirname "$out/$2")"
  cmp -s "$nm/$1" "$out/$2" 2>/dev/null || cp "$nm/$1" "$out/$2"
}
copy leaflet/dist/leaflet.js leaflet/leaflet.js
copy leaflet/dist/leaflet.css leaflet/leaflet.css
for img in layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png; do
  copy "leaflet/dist/images/$img" "leaflet/images/$img"
done
copy leaflet/LICENSE leaflet/LICENSE
copy leaflet.markercluster/dist/leaflet.markercluster.js leaflet.markercluster/leaflet.markercluster.js
copy leaflet.markercluster/dist/MarkerCluster.css leaflet.markercluster/MarkerCluster.css
copy leaflet.markercluster/dist/MarkerCluster.Default.css leaflet.markercluster/MarkerCluster.Default.css
copy leaflet.markercluster/MIT-LICENCE.txt leaflet.markercluster/LICENCE.txt
