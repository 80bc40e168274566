// Reads the shipped QPV contours (independently of the server) to pick real points.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const qpv = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(__dirname, '../../data/reference/qpv_2024.geojson.gz'))).toString('utf8'));

function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x, y, polygon) {
  return inRing(x, y, polygon[0]) && !polygon.slice(1).some((hole) => inRing(x, y, hole));
}

function polygonsOf(feature) {
  const g = feature.geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/// A point strictly inside the QPV with this code: scans a grid over its largest polygon.
exports.pointInside = (code) => {
  const f = qpv.features.find((x) => x.properties.code_qp === code);
  if (!f) throw new Error(`QPV ${code} absent du fichier`);
  const poly = polygonsOf(f).sort((a, b) => b[0].length - a[0].length)[0];
  const xs = poly[0].map((c) => c[0]), ys = poly[0].map((c) => c[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const x = x0 + ((x1 - x0) * i) / 20, y = y0 + ((y1 - y0) * j) / 20;
    if (inPolygon(x, y, poly)) return { lat: y, lon: x, nom: f.properties.lib_qp };
  }
  throw new Error(`aucun point intérieur trouvé pour ${code}`);
};

exports.features = qpv.features;
exports.inPolygon = inPolygon;
exports.polygonsOf = polygonsOf;
