// Atlas des Régies — the two maps of a Régie's profile form (/gestion/<slug>), where JavaScript
// runs (vendored Leaflet):
// - the pin: a tap or a click on the map, or dragging the pin, moves it and fills the latitude
//   and longitude fields; typing in those fields moves the pin;
// - the coverage: the QPVs of its département, as dots, then outlines from zoom 10; a tap on one
//   it does not cover chooses it in « Ajouter un quartier », on one it covers goes to its status.
// The fields and the list stay the keyboard's (and no JavaScript's) way, and the QPVs' outlines
// are drawn so that the maps read without tiles.
// DOM changes wait for the page's hydration (html[data-hydrated]); texts come from data-label-*.
(function () {
  'use strict';

  function load(src) {
    return new Promise(function (resolve, reject) {
      if (window.L) return resolve();
      var s = document.createElement('script');
      s.src = src; s.async = false;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('chargement impossible : ' + src)); };
      document.head.appendChild(s);
    });
  }

  // « 48,8566 » or "48.8566".
  function number(text) {
    var v = Number(String(text || '').trim().replace(',', '.'));
    return String(text || '').trim() && isFinite(v) ? v : null;
  }

  // A map in `el` with its zoom buttons and the configured tiles, its frame shown.
  function baseMap(el) {
    var L = window.L;
    var d = el.dataset;
    el.parentNode.hidden = false;
    var map = L.map(el, { zoomSnap: 1, minZoom: 5, maxZoom: 19, tap: true, zoomControl: false });
    L.control.zoom({ zoomInTitle: d.labelZoomIn || 'Zoom in', zoomOutTitle: d.labelZoomOut || 'Zoom out' }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (d.tiles) L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 19 }).addTo(map);
    // Départements, then communes from zoom 11: where one is, tiles or not.
    map.createPane('contours');
    map.getPane('contours').style.zIndex = 350;
    var borders = L.geoJSON(null, { pane: 'contours', interactive: false, style: { color: '#8a939a', weight: 1, fill: false } }).addTo(map);
    map.on('moveend', function () {
      fetch('/api/v1/carte/contours.geojson' + inView(map)).then(function (r) { return r.json(); }).then(function (fc) {
        borders.clearLayers();
        borders.addData(fc);
      }).catch(function () {});
    });
    return map;
  }

  // `?bbox=…&zoom=…` of the map's view.
  function inView(map) {
    var b = map.getBounds();
    return '?bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(',') + '&zoom=' + map.getZoom();
  }

  // The QPVs in the map's view: points below zoom 10, contours from there.
  function qpvInView(map) {
    return fetch('/api/v1/carte/qpv.geojson' + inView(map)).then(function (r) { return r.json(); });
  }

  function mount(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    var L = window.L;
    var d = el.dataset;
    var lat = document.getElementById('fiche-lat');
    var lon = document.getElementById('fiche-lon');
    var state = document.getElementById('epingle-etat');
    if (!lat || !lon) return;
    var map = baseMap(el);
    var outlines = L.geoJSON(null, { interactive: false, style: { color: '#37474f', weight: 2, fillOpacity: 0.08 } }).addTo(map);
    map.on('moveend', function () {
      qpvInView(map).then(function (fc) {
        outlines.clearLayers();
        outlines.addData({ type: 'FeatureCollection', features: fc.features.filter(function (f) { return f.geometry.type !== 'Point'; }) });
      }).catch(function () {});
    });
    var icon = L.icon({
      iconUrl: '/vendor/leaflet/images/marker-icon.png', iconRetinaUrl: '/vendor/leaflet/images/marker-icon-2x.png',
      iconSize: [25, 41], iconAnchor: [12, 41]
    });
    var start = [number(lat.value), number(lon.value)];
    var at = start[0] !== null && start[1] !== null ? start : [46.6, 2.4];
    var pin = L.marker(at, { icon: icon, draggable: true, keyboard: false, alt: d.labelPin }).addTo(map);
    map.setView(at, start[0] !== null ? 16 : 5);
    function place(p, from) {
      pin.setLatLng(p);
      lat.value = p[0].toFixed(6);
      lon.value = p[1].toFixed(6);
      el.dataset.point = lat.value + ',' + lon.value;
      if (state) state.textContent = d.labelMoved.replace('{lat}', lat.value).replace('{lon}', lon.value);
      if (from === 'map') map.panTo(p);
    }
    map.on('click', function (e) { place([e.latlng.lat, e.latlng.lng], 'map'); });
    pin.on('dragend', function () { var p = pin.getLatLng(); place([p.lat, p.lng], 'pin'); });
    function typed() {
      var p = [number(lat.value), number(lon.value)];
      if (p[0] === null || p[1] === null) return;
      pin.setLatLng(p);
      map.panTo(p);
    }
    lat.addEventListener('change', typed);
    lon.addEventListener('change', typed);
  }

  function mountCoverage(el) {
    if (el.dataset.mounted) return;
    el.dataset.mounted = '1';
    var L = window.L;
    var d = el.dataset;
    var add = document.getElementById('ajout-qpv');
    var state = document.getElementById('couverture-etat');
    if (!add) return;
    // Its QPVs' names, from the list (« Name (code) ») and the rows of those it covers.
    var names = {};
    var covered = {};
    Array.prototype.forEach.call(add.options, function (o) { if (o.value) names[o.value] = o.textContent; });
    Array.prototype.forEach.call(document.querySelectorAll('.coverage-rows select[id^="statut-"]'), function (s) {
      var code = s.id.slice('statut-'.length);
      var row = s.parentNode.querySelector('.qpv-name');
      covered[code] = true;
      names[code] = row ? row.textContent.replace(/\s+/g, ' ').trim() : code;
    });
    var map = baseMap(el);
    function look(code) {
      var chosen = add.value === code;
      var on = covered[code] || chosen;
      return { className: 'qpv-' + code, radius: 9, color: on ? '#0b5d52' : '#4a5259', weight: chosen ? 4 : 2, fillColor: on ? '#0b5d52' : '#9aa3a9', fillOpacity: on ? 0.55 : 0.3 };
    }
    function say(label, code) {
      if (state) state.textContent = (label || '').replace('{qpv}', names[code] || code);
    }
    function choose(code) {
      if (covered[code]) {
        var status = document.getElementById('statut-' + code);
        if (status) status.focus();
        return say(d.labelCovered, code);
      }
      add.value = code;
      add.dispatchEvent(new Event('change', { bubbles: true }));
      say(d.labelChosen, code);
    }
    var layer = L.geoJSON(null, {
      filter: function (f) { return names[f.properties.code] !== undefined; },
      pointToLayer: function (f, at) { return L.circleMarker(at, look(f.properties.code)); },
      style: function (f) { return look(f.properties.code); },
      onEachFeature: function (f, l) { l.on('click', function () { choose(f.properties.code); }); }
    }).addTo(map);
    add.addEventListener('change', function () {
      layer.eachLayer(function (l) { l.setStyle(look(l.feature.properties.code)); });
    });
    map.on('moveend', function () {
      qpvInView(map).then(function (fc) {
        layer.clearLayers();
        layer.addData(fc);
        el.dataset.ready = '1';
      }).catch(function () {});
    });
    // The département at once: the dots of all the QPVs of France, kept to its own.
    map.setView([46.6, 2.4], 5);
    fetch('/api/v1/carte/qpv.geojson?bbox=-180,-90,180,90&zoom=5').then(function (r) { return r.json(); }).then(function (fc) {
      var mine = fc.features.filter(function (f) { return names[f.properties.code] !== undefined; });
      if (!mine.length) return;
      var bounds = L.latLngBounds(mine.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; }));
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
    }).catch(function () {});
  }

  function start() {
    var pin = document.getElementById('fiche-carte');
    var coverage = document.getElementById('couverture-carte');
    if (!pin && !coverage) return;
    load('/vendor/leaflet/leaflet.js').then(function () {
      if (pin) mount(pin);
      if (coverage) mountCoverage(coverage);
    }).catch(function () {});
  }

  // After hydration (the DOM is the app's until then); without the wasm bundle, after 10 s.
  function whenHydrated(run) {
    var root = document.documentElement;
    if (root.dataset.hydrated === 'true') return run();
    var done = false;
    var once = function () { if (!done) { done = true; observer.disconnect(); run(); } };
    var observer = new MutationObserver(function () { if (root.dataset.hydrated === 'true') once(); });
    observer.observe(root, { attributes: true, attributeFilter: ['data-hydrated'] });
    setTimeout(once, 10000);
  }

  whenHydrated(start);
})();
