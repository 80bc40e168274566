// Atlas des Régies — what JavaScript adds to the participation pages (each works without it):
//  - maps (vendored Leaflet): a list page's items, an item's point, and on the form's first
//    screen the map where a tap (or the centre button, for the keyboard) places the point, the
//    QPV found from it by /api/v1/locate;
//  - the second screen's draft, kept on this device at every keystroke and, signed in, on the
//    server every 15 s of quiet and when the page is left (what was typed survives a lost
//    connection or a refused photo);
//  - photos shrunk in the browser before sending (at most 1,600 px, re-encoded JPEG: a phone's
//    8 MB photo leaves as a few hundred KB, without its EXIF); the server still checks everything.
// DOM changes wait for the page's hydration (html[data-hydrated]); texts come from data-label-*.
(function () {
  'use strict';
  var DRAFT_KEY = 'atlas:brouillon:participation';
  var MAX_SIDE = 1600;
  var SHRINK_ABOVE_BYTES = 1024 * 1024;
  var SERVER_SAVE_MS = 15000;

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

  function point(text) {
    var p = (text || '').split(',').map(Number);
    return p.length === 2 && p.every(isFinite) ? p : null;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? '' : String(values[k]); });
  }

  // ---- maps ----
  function mountMap(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    var L = window.L;
    var d = el.dataset;
    var frame = el.parentNode;
    frame.hidden = false;
    var map = L.map(el, { zoomSnap: 1, minZoom: 4, maxZoom: 19, tap: true, zoomControl: false });
    // Leaflet's own button titles are English: the page gives them in its language.
    L.control.zoom({ zoomInTitle: d.labelZoomIn || 'Zoom in', zoomOutTitle: d.labelZoomOut || 'Zoom out' }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (d.tiles) {
      var warned = false;
      L.tileLayer(d.tiles, { attribution: d.attribution, maxZoom: 19 }).addTo(map).on('tileerror', function () {
        if (warned) return; warned = true;
        var note = document.createElement('p');
        note.className = 'notice map-note'; note.setAttribute('role', 'status'); note.textContent = d.labelNoTiles;
        frame.appendChild(note);
      });
    }
    var pin = L.icon({
      iconUrl: '/vendor/leaflet/images/marker-icon.png', iconRetinaUrl: '/vendor/leaflet/images/marker-icon-2x.png',
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34]
    });
    // The QPVs' outlines of the visible box, so that the map reads without tiles.
    var outlines = L.geoJSON(null, { interactive: false, style: { color: '#37474f', weight: 2, fillOpacity: 0.08 } }).addTo(map);
    function refreshOutlines() {
      var b = map.getBounds();
      var q = '?bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(',') + '&zoom=' + map.getZoom();
      fetch('/api/v1/carte/qpv.geojson' + q).then(function (r) { return r.json(); }).then(function (fc) {
        outlines.clearLayers();
        outlines.addData({ type: 'FeatureCollection', features: fc.features.filter(function (f) { return f.geometry.type !== 'Point'; }) });
      }).catch(function () {});
    }
    map.on('moveend', refreshOutlines);

    if (d.mode === 'elements') {
      var markers = [];
      document.querySelectorAll('#elements li[data-point]').forEach(function (card) {
        var at = point(card.dataset.point);
        var link = card.querySelector('a.item-link');
        if (!at || !link) return;
        var m = L.marker(at, { icon: pin, title: link.textContent, alt: link.textContent }).addTo(map);
        var box = document.createElement('div');
        var strong = document.createElement('strong'); strong.textContent = link.textContent;
        var status = document.createElement('span'); status.textContent = card.dataset.status || '';
        var a = document.createElement('a'); a.href = link.getAttribute('href'); a.textContent = d.labelSee;
        box.appendChild(strong); box.appendChild(document.createElement('br'));
        box.appendChild(status); box.appendChild(document.createElement('br')); box.appendChild(a);
        m.bindPopup(box);
        markers.push(at);
      });
      el.dataset.markers = String(markers.length);
      if (markers.length) map.fitBounds(markers, { maxZoom: 16, padding: [30, 30] });
    } else if (d.mode === 'element') {
      var at = point(d.point);
      L.marker(at, { icon: pin, keyboard: false }).addTo(map);
      map.setView(at, 17);
      el.dataset.markers = '1';
    } else {
      choose(map, el, pin);
    }
    refreshOutlines();
    window.atlasParticipationCarte = map;
  }

  // The form's first screen: the point decides the QPV (as the post does).
  function choose(map, el, pin) {
    var L = window.L;
    var d = el.dataset;
    var lat = document.getElementById('point-lat');
    var lon = document.getElementById('point-lon');
    var qpv = document.getElementById('point-qpv');
    var next = document.getElementById('etape-suivante');
    var state = document.getElementById('point-etat');
    var startQpv = qpv ? qpv.value : '';
    var marker = null;
    var start = point(lat.value && lon.value ? lat.value + ',' + lon.value : '');
    if (start) map.setView(start, 17);
    else if (point(d.centre)) map.setView(point(d.centre), 15);
    else map.fitBounds([[41.3, -5.2], [51.1, 9.6]]);
    function place(at) {
      if (marker) marker.setLatLng(at); else marker = L.marker(at, { icon: pin, keyboard: false }).addTo(map);
      fetch('/api/v1/locate?lat=' + at[0].toFixed(6) + '&lon=' + at[1].toFixed(6) + '&limit=1')
        .then(function (r) { return r.json(); })
        .then(function (found) {
          if (found.qpv) {
            lat.value = at[0].toFixed(6); lon.value = at[1].toFixed(6); qpv.value = found.qpv.code;
            state.textContent = fill(d.labelIn, { qpv: found.qpv.nom });
            state.className = 'notice ok';
            next.disabled = false;
            el.dataset.qpvTrouve = found.qpv.code;
          } else {
            lat.value = ''; lon.value = ''; qpv.value = startQpv;
            state.textContent = d.labelOutside;
            state.className = 'notice';
            // Still possible: the QPV the page came with, or one picked among the commune's.
            next.disabled = !startQpv && !document.querySelector('#quartiers-commune input');
            el.dataset.qpvTrouve = '';
          }
        })
        .catch(function () {});
    }
    if (start) place(start);
    map.on('click', function (e) { place([e.latlng.lat, e.latlng.lng]); });
    document.getElementById('point-centre').addEventListener('click', function () {
      var c = map.getCenter(); place([c.lat, c.lng]);
    });
    var here = document.getElementById('point-ici');
    if (!navigator.geolocation) here.hidden = true;
    here.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (p) {
        var at = [p.coords.latitude, p.coords.longitude];
        map.setView(at, 17); place(at);
      }, function () { state.textContent = d.labelNoPosition; state.className = 'notice'; }, { enableHighAccuracy: true, timeout: 10000 });
    });
  }

  // ---- the second screen: drafts and photos ----
  function readDraft() {
    try { return JSON.parse(window.localStorage.getItem(DRAFT_KEY) || 'null'); } catch (e) { return null; }
  }

  function writeDraft(value) {
    try {
      if (value) window.localStorage.setItem(DRAFT_KEY, JSON.stringify(value));
      else window.localStorage.removeItem(DRAFT_KEY);
    } catch (e) { /* private mode: nothing kept on the device */ }
  }

  function draftForm(form) {
    var title = form.querySelector('[name=titre]');
    var body = form.querySelector('[name=texte]');
    var d = form.dataset;
    var notice = document.getElementById('brouillon-appareil');
    var kept = readDraft();
    if (kept && kept.qpv === d.qpv && !title.value && !body.value && (kept.titre || kept.texte)) {
      title.value = kept.titre || ''; body.value = kept.texte || '';
      if (notice) {
        notice.textContent = d.labelDevice + ' ';
        var forget = document.createElement('button');
        forget.type = 'button'; forget.className = 'button secondary'; forget.textContent = d.labelForget;
        forget.addEventListener('click', function () {
          title.value = ''; body.value = ''; writeDraft(null); notice.hidden = true; changed();
        });
        notice.appendChild(forget);
        notice.hidden = false;
      }
    }
    var sentAt = 0, timer = null, dirty = false;
    function fields() {
      var p = new URLSearchParams();
      ['nature', 'categorie', 'qpv', 'lat', 'lon', 'titre', 'texte', 'langue'].forEach(function (n) {
        var f = form.querySelector('[name=' + n + ']');
        p.set(n, f ? f.value : '');
      });
      return p;
    }
    function toServer(leaving) {
      if (!d.signedIn || !dirty) return;
      dirty = false; sentAt = Date.now();
      fetch(d.draftUrl, { method: 'POST', body: fields(), credentials: 'same-origin', redirect: 'manual', keepalive: !!leaving })
        .then(function () { form.dataset.brouillonServeur = String(sentAt); })
        .catch(function () { dirty = true; });
    }
    function changed() {
      var f = fields();
      writeDraft({ qpv: d.qpv, nature: f.get('nature'), categorie: f.get('categorie'), titre: f.get('titre'), texte: f.get('texte'), at: Date.now() });
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(function () { toServer(false); }, SERVER_SAVE_MS);
    }
    title.addEventListener('input', changed);
    body.addEventListener('input', changed);
    // Typed before this script ran (it comes after hydration, or after a step's page is shown):
    // kept now, not at the next keystroke.
    if ((title.value || body.value) && !(kept && title.value === kept.titre && body.value === kept.texte)) changed();
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') toServer(true); });
    window.addEventListener('pagehide', function () { toServer(true); });
    form.querySelectorAll('input[type=file]').forEach(function (input) { input.addEventListener('change', function () { shrink(input, d.labelShrunk); }); });
  }

  // A photo larger than needed is redrawn at most 1,600 px wide or high and re-encoded as JPEG.
  function shrink(input, label) {
    var file = input.files && input.files[0];
    var note = document.getElementById(input.id + '-reduite');
    if (note) note.textContent = '';
    if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap || !window.DataTransfer) return;
    input.dataset.reduction = 'en-cours';
    createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size <= SHRINK_ABOVE_BYTES) { input.dataset.reduction = 'inutile'; return null; }
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale); canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(function (blob) { resolve({ blob: blob, w: canvas.width, h: canvas.height }); }, 'image/jpeg', 0.85); });
    }).then(function (out) {
      if (!out || !out.blob || out.blob.size >= file.size) { if (out) input.dataset.reduction = 'inutile'; return; }
      var name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
      var dt = new DataTransfer();
      dt.items.add(new File([out.blob], name, { type: 'image/jpeg' }));
      input.files = dt.files;
      input.dataset.reduction = 'faite';
      if (note) note.textContent = fill(label, { w: out.w, h: out.h, kb: Math.round(out.blob.size / 1024) });
    }).catch(function () { input.dataset.reduction = 'impossible'; /* sent as it is: the server decides */ });
  }

  function start() {
    var form = document.getElementById('depot');
    if (form && !form.dataset.ready) { form.dataset.ready = '1'; draftForm(form); }
    // The item's page right after posting: the device's draft is done with.
    if (/[?&]depose=1/.test(window.location.search)) writeDraft(null);
    var el = document.getElementById('participation-carte');
    if (!el || el.dataset.ready) return;
    load('/vendor/leaflet/leaflet.js').then(function () {
      window.L.Icon.Default.imagePath = '/vendor/leaflet/images/';
      mountMap(el);
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
