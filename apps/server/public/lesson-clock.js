// Progressive enhancement for the lesson page: while the page is visible, tell the server every
// 30 seconds that this lesson is the one being studied (the page's form carries the CSRF token).
// The study clock runs on the server, on one lesson at a time; the page works without this.
(function () {
  var form = document.getElementById('lesson-completion');
  if (!form) return;
  var url = form.getAttribute('data-heartbeat');
  var token = form.querySelector('input[name="_csrf"]');
  var beat = function () {
    if (document.visibilityState !== 'visible') return;
    fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': token ? token.value : '' } });
  };
  setInterval(beat, 30000);
  document.addEventListener('visibilitychange', beat);
})();
