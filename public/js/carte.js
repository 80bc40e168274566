// Atlas des Régies — the interactive map of /carte.
// Loads the vendored Leaflet (and its marker-cluster plugin) once, then draws:
//  - the Régies as clustered markers (one request, a few hundred points),
//  - the QPVs coloured by coverage, fetched for the visible box and zoom (points when zoomed out,
//    contours when zoomed in), and département or commune outlines so the map reads without tiles.
// Texts come from the page (data-label-*), so they follow the page's language.
(function () {
  'use strict';
  var COLOURS = { confirmee: '#1a7f37', declaree: '#2f9e8f', estimee: '#e0a526', aucune: '#b3261e' };

  function load(src) {
    return new Promise(function (resolve, reject) {
      var existing = document.querySelector('script[data-src="' + src + '"]');
      if (existing && existing.dataset.loaded) return resolve();
      var s = document.createElement('script');
      s.src = src; s.dataset.src = src; s.async = false;
      s.onload = function () { s.dataset.loaded = '1'; resolve(); };
      s.onerror = function () { reject(new Error('chargement impossible : ' + src)); };
      document.head.appendChild(s);
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function popup(title, detail, href, label) {
    return '<strong>' + escapeHtml(title) + '</strong><br>' + escapeHtml(detail) +
      '<br><a href="' + escapeHtml(href) + '">' + escapeHtml(label) + '</a>';
  }

  function mount(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    var L = window.L;
    var d = el.dataset;
    var map = L.map(el, { zoomSnap: 1, minZoom: 4, maxZoom: 18, tap: true, zoomControl: false });
    // Leaflet's own button titles are English: the page gives them in its language.
    L.control.zoom({ zoomInTitle: d.labelZoomIn || 'Zoom in', zoomOutTitle: d.labelZoomOut || 'Zoom out' }).addTo(map);
    // ?bbox=minLon,minLat,maxLon,maxLat (links from the territory pages), else the Hexagone.
    var box = (new URLSearchParams(window.location.search).get('bbox') || '').split(',').map(Number);
    if (box.length === 4 && box.every(isFinite)) map.fitBounds([[box[1], box[0]], [box[3], box[2]]]);
    else map.fitBounds([[41.3, -5.2], [51.1, 9.6]]);
    map.attributionControl.setPrefix(false);

    // Base tiles are optional; when none load, say so once and keep the outlines.
    if (d.tiles) {
      var tiles = L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 19 }).addTo(map);
      var warned = false;
      tiles.on('tileerror', function () {
        if (warned) return; warned = true;
        var note = document.createElement('p');
        note.className = 'notice map-note'; note.setAttribute('role', 'status'); note.textContent = d.labelNoTiles;
        el.parentNode.insertBefore(note, el.nextSibling);
      });
    }

    // Outlines (départements, then communes from zoom 10), drawn under everything else.
    map.createPane('contours'); map.getPane('contours').style.zIndex = 350;
    var outlines = L.geoJSON(null, {
      pane: 'contours', interactive: false,
      style: { color: '#37474f', weight: 1.5, opacity: 0.9, fill: false }
    }).addTo(map);

    // Zoomed out, ~1,500 QPV points: drawn on one canvas instead of as many SVG elements (the
    // main thread's work on a phone); contours (zoomed in, a few dozen) stay SVG.
    var pointRenderer = L.canvas({ padding: 0.3 });
    var qpv = L.geoJSON(null, {
      style: function (f) {
        return { color: '#222', weight: 1, fillColor: COLOURS[f.properties.couverture] || '#999', fillOpacity: 0.6 };
      },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {
          renderer: pointRenderer, radius: 5, color: '#222', weight: 1, fillColor: COLOURS[f.properties.couverture] || '#999', fillOpacity: 0.85
        });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        // Zoomed out, points carry no name (payload): the code stands in.
        layer.bindPopup(popup(p.nom || p.code, d.labelQpv + ' ' + p.code, (d.pages || '') + '/qpv/' + p.code, d.labelSee));
      }
    }).addTo(map);

    // 80 px (the plugin's default) keeps cluster buttons apart: overlapping touch targets fail WCAG 2.5.8.
    var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 80 });
    // Leaflet's default pin without its shadow image (1x only, blurry on phones, decorative);
    // the 2x pin on high-density screens.
    var pin = L.icon({
      iconUrl: '/vendor/leaflet/images/marker-icon.png', iconRetinaUrl: '/vendor/leaflet/images/marker-icon-2x.png',
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], tooltipAnchor: [16, -28]
    });
    map.addLayer(clusters);
    fetch('/api/v1/carte/regies.geojson').then(function (r) { return r.json(); }).then(function (fc) {
      L.geoJSON(fc, {
        pointToLayer: function (f, latlng) {
          return L.marker(latlng, { icon: pin, title: f.properties.nom, alt: f.properties.nom });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindPopup(popup(p.nom, d.labelRegie + ' · ' + p.commune, (d.pages || '') + '/regies/' + p.slug, d.labelSee));
        }
      }).eachLayer(function (m) { clusters.addLayer(m); });
      el.dataset.regies = String(fc.features.length);
    });

    var pending = null;
    function refresh() {
      if (pending) pending.abort();
      pending = new AbortController();
      var b = map.getBounds();
      var q = '?bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(',') +
        '&zoom=' + map.getZoom();
      var signal = pending.signal;
      Promise.all([
        fetch('/api/v1/carte/qpv.geojson' + q, { signal: signal }).then(function (r) { return r.json(); }),
        fetch('/api/v1/carte/contours.geojson' + q, { signal: signal }).then(function (r) { return r.json(); })
      ]).then(function (res) {
        qpv.clearLayers(); qpv.addData(res[0]);
        outlines.clearLayers(); outlines.addData(res[1]);
        el.dataset.qpv = String(res[0].features.length);
        el.dataset.zoom = String(map.getZoom());
      }).catch(function (e) { if (e.name !== 'AbortError') console.warn(e); });
    }
    map.on('moveend', refresh);
    refresh();

    // Full screen on phones: the map takes the whole viewport; Escape or the button leaves.
    var frame = el.parentNode;
    var button = document.createElement('button');
    button.type = 'button'; button.className = 'button map-fullscreen'; button.textContent = d.labelFullscreen;
    button.setAttribute('aria-pressed', 'false');
    function setFull(on) {
      frame.classList.toggle('plein-ecran', on);
      document.body.classList.toggle('carte-plein-ecran', on);
      button.textContent = on ? d.labelExit : d.labelFullscreen;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      map.invalidateSize();
    }
    button.addEventListener('click', function () { setFull(!frame.classList.contains('plein-ecran')); });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') setFull(false); });
    frame.appendChild(button);
    window.atlasCarte = map;
  }

  function start() {
    var el = document.getElementById('carte');
    if (!el) return;
    load('/vendor/leaflet/leaflet.js')
      .then(function () { return load('/vendor/leaflet.markercluster/leaflet.markercluster.js'); })
      .then(function () {
        window.L.Icon.Default.imagePath = '/vendor/leaflet/images/';
        mount(el);
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
