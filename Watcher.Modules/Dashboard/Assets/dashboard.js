// Watcher dashboard: the little JavaScript it needs, embedded in the binary.
(function () {
  'use strict';

  // Live pages: the element with data-live="<ms>" and an id (the page's <main>, buttons included) is refreshed by
  // fetching its page (data-live-src) again and swapping in the element with the same id. The server ends the
  // refresh by rendering it without data-live (a plan or an audit that has finished).
  function schedule(el) {
    var every = parseInt(el.getAttribute('data-live'), 10) || 2000;
    setTimeout(function () { refresh(el); }, every);
  }

  function refresh(el) {
    if (!document.body.contains(el)) return;
    var active = document.activeElement;
    if (active && el.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) { schedule(el); return; }
    fetch(el.getAttribute('data-live-src') || location.pathname, { headers: { Accept: 'text/html' }, cache: 'no-store' })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(el.id);
        if (!fresh) return;
        el.replaceWith(fresh);
        if (fresh.hasAttribute('data-live')) schedule(fresh);
      })
      .catch(function () { schedule(el); });
  }

  // Forms whose choices shape the rest of the form (goal -> strategies -> parameter fields): choosing reloads
  // the form with what was typed so far (never the antiforgery token, which stays out of URLs).
  function wireReloads(form) {
    form.querySelectorAll('[data-reloads]').forEach(function (input) {
      input.addEventListener('change', function () {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) { if (key !== '__csrf' && value !== '') params.append(key, value); });
        if (input.name === 'goal') params.delete('strategy');
        if (input.name === 'goal' || input.name === 'strategy' || input.name === 'template') {
          Array.from(params.keys()).filter(function (k) { return k.indexOf('param.') === 0; }).forEach(function (k) { params.delete(k); });
        }
        location.assign(form.getAttribute('data-reload') + '?' + params.toString());
      });
    });
  }

  document.addEventListener('submit', function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // The script is deferred: the document is parsed when it runs, so wire up at once rather than on a later event.
  document.querySelectorAll('[data-live]').forEach(schedule);
  document.querySelectorAll('form[data-reload]').forEach(wireReloads);
})();
