// Live news of the item on this page (server-sent events from /api/direct). One stream per
// browser: the tab holding the « atlas-direct » lock opens it and passes each piece of news to
// the other tabs (BroadcastChannel); when it closes, another tab takes over from the last id.
// On news of this item, the page is fetched again and its status, supporters, history and
// comments are replaced, but never a part where the person is typing (a reply, an edit): that
// part waits for the next news, and a notice says so. Without JavaScript, a reload shows the same.
(function () {
  'use strict';
  var article = document.querySelector('[data-direct]');
  if (!article || !window.EventSource) return;
  var item = article.getAttribute('data-direct');
  var channel = window.BroadcastChannel ? new BroadcastChannel('atlas-direct') : null;
  var last = 0;
  var timer = null;
  var state = document.getElementById('direct-etat');
  var PARTS = ['#statut', '#soutiens', '#historique-liste', '#fil'];

  function typingIn(part) {
    if (part.contains(document.activeElement) && document.activeElement !== document.body) return true;
    var fields = part.querySelectorAll('textarea, input[type="text"]');
    for (var i = 0; i < fields.length; i++) if (fields[i].value) return true;
    return false;
  }

  function refresh() {
    fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var held = false;
        PARTS.forEach(function (selector) {
          var here = document.querySelector(selector);
          var there = fresh.querySelector(selector);
          if (!here || !there || here.innerHTML === there.innerHTML) return;
          if (typingIn(here)) { held = true; return; }
          here.innerHTML = there.innerHTML;
        });
        if (state) state.textContent = held ? state.getAttribute('data-held') : state.getAttribute('data-updated');
      })
      .catch(function () {});
  }

  function onNews(news) {
    if (news.id) last = Math.max(last, news.id);
    if (news.quoi === 'retard' || String(news.element) === item) {
      clearTimeout(timer);
      timer = setTimeout(refresh, 200);
    }
  }

  if (channel) channel.onmessage = function (m) { onNews(m.data); };

  function lead() {
    var source = new EventSource('/api/direct' + (last ? '?depuis=' + last : ''));
    source.addEventListener('element', function (m) {
      var news = JSON.parse(m.data);
      news.id = Number(m.lastEventId) || 0;
      onNews(news);
      if (channel) channel.postMessage(news);
    });
    source.addEventListener('retard', function () {
      onNews({ quoi: 'retard' });
      if (channel) channel.postMessage({ quoi: 'retard' });
    });
    article.setAttribute('data-direct-ouvert', '1');
    // The lock is held while this tab lives: the stream is this tab's until it closes.
    return new Promise(function () {});
  }

  if (navigator.locks && channel) navigator.locks.request('atlas-direct', lead);
  else lead();

})();
