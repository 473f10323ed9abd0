// Live preview and autosave for the lesson editor. A same-origin file because the CSP forbids inline scripts;
// without it the "Preview" and "Save" buttons do the same work through the form.
(function () {
  'use strict';
  var form = document.getElementById('lesson-editor');
  if (!form) return;
  var markdown = document.getElementById('markdown');
  var preview = document.getElementById('preview');
  var status = document.getElementById('autosave-status');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var revision = form.querySelector('input[name="revision"]');
  var previewTimer = null;
  var saveTimer = null;
  var stale = false;

  function post(url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }); });
  }

  function refreshPreview() {
    post(form.dataset.previewUrl, { markdown: markdown.value }).then(function (r) {
      // The server's renderer output: the same sanitised HTML learners get.
      if (r.status === 200) preview.innerHTML = r.json.html;
    });
  }

  function fields() {
    var cases = Array.prototype.map.call(document.querySelectorAll('#cases input[name="cases"]:checked'), function (o) { return o.value; });
    return { revision: Number(revision.value), title: document.getElementById('title').value, minutes: document.getElementById('minutes').value, markdown: markdown.value, cases: cases };
  }

  function autosave() {
    if (stale) return;
    // The words come from the page (data-* attributes, in the trainer's language).
    status.textContent = status.dataset.saving;
    post(form.dataset.autosaveUrl, fields()).then(function (r) {
      if (r.status === 200) {
        // Every form on the page (the lesson's and its delete form) now stands on the new revision.
        Array.prototype.forEach.call(document.querySelectorAll('input[name="revision"]'), function (input) { input.value = String(r.json.revision); });
        status.textContent = status.dataset.saved.replace('{revision}', String(r.json.revision));
      } else {
        if (r.status === 409) stale = true;
        status.textContent = r.status === 409 ? status.dataset.conflict : status.dataset.failed + (r.json.message ? ' ' + r.json.message : '');
        status.className = 'form-errors';
      }
    }).catch(function () { status.textContent = status.dataset.offline; });
  }

  form.addEventListener('input', function () {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, 1500);
  });
})();
