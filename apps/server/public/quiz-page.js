// Progressive enhancement for the quiz page: a live countdown, answers saved on the server as
// they are given (the page's own save button does the same without script), and a question
// before submitting with unanswered questions. The server keeps the time and grades at the limit.
(function () {
  var form = document.querySelector('form.quiz-form');
  if (!form) return;
  var timer = document.getElementById('timer');
  var countdown = document.getElementById('countdown');
  if (timer && countdown) {
    var end = Date.parse(timer.getAttribute('data-expires-at'));
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      countdown.textContent = m + ':' + (s < 10 ? '0' : '') + s;
      countdown.removeAttribute('aria-hidden');
      if (left === 0) { clearInterval(id); window.location.reload(); }
    };
    var id = setInterval(tick, 1000);
    tick();
  }
  var url = form.getAttribute('data-autosave');
  var pending;
  var save = function () {
    var body = new URLSearchParams(new FormData(form));
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body });
  };
  form.addEventListener('change', function () { clearTimeout(pending); pending = setTimeout(save, 300); });
  form.addEventListener('input', function () { clearTimeout(pending); pending = setTimeout(save, 1500); });
  form.addEventListener('submit', function (e) {
    if (e.submitter && e.submitter.id !== 'submit-answers') return;
    if (form.querySelector('input[name="confirm"]')) return;
    var empty = Array.prototype.filter.call(form.querySelectorAll('fieldset.question'), function (q) {
      var filled = Array.prototype.some.call(q.querySelectorAll('input, select'), function (i) {
        return (i.type === 'radio' || i.type === 'checkbox') ? i.checked : i.value.trim() !== '';
      });
      return !filled;
    }).length;
    if (empty > 0 && !window.confirm(form.getAttribute('data-unanswered-message'))) { e.preventDefault(); return; }
    if (empty > 0) { var c = document.createElement('input'); c.type = 'hidden'; c.name = 'confirm'; c.value = 'unanswered'; form.appendChild(c); }
  });
})();
