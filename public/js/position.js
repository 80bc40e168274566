// Atlas des Régies — the pin of a Régie's profile form (/gestion/<slug>), where JavaScript runs:
// a map (vendored Leaflet) with the Régie's pin; a tap or a click on the map, or dragging the
// pin, moves it and fills the latitude and longitude fields; typing in those fields moves the
// pin. The fields stay the way to set the position with the keyboard or without JavaScript, and
// the QPVs' outlines are drawn so that the map reads without tiles.
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

  function mount(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    var L = window.L;
    var d = el.dataset;
    var lat = document.getElementById('fiche-lat');
    var lon = document.getElementById('fiche-lon');
    var state = document.getElementById('epingle-etat');
    if (!lat || !lon) return;
    var frame = el.parentNode;
    frame.hidden = false;
    var map = L.map(el, { zoomSnap: 1, minZoom: 5, maxZoom: 19, tap: true, zoomControl: false });
    L.control.zoom({ zoomInTitle: d.labelZoomIn || 'Zoom in', zoomOutTitle: d.labelZoomOut || 'Zoom out' }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (d.tiles) L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 19 }).addTo(map);
    var outlines = L.geoJSON(null, { interactive: false, style: { color: '#37474f', weight: 2, fillOpacity: 0.08 } }).addTo(map);
    map.on('moveend', function () {
      var b = map.getBounds();
      var q = '?bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(',') + '&zoom=' + map.getZoom();
      fetch('/api/v1/carte/qpv.geojson' + q).then(function (r) { return r.json(); }).then(function (fc) {
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

  function start() {
    var el = document.getElementById('fiche-carte');
    if (!el || el.dataset.ready) return;
    load('/vendor/leaflet/leaflet.js').then(function () { mount(el); }).catch(function () {});
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
