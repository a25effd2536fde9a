(function () {
  var roots = document.querySelectorAll('.rv:not([data-ready])');
  Array.prototype.forEach.call(roots, function (root) {
    root.setAttribute('data-ready', '1');
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[data-toggle]'));
    var detail = root.querySelector('.rv-detail');
    var status = root.querySelector('.rv-status');
    var m = /(?:^#|[#&])hide=([\w,-]+)/.exec(window.location.hash);
    if (m) m[1].split(',').forEach(function (name) {
      boxes.forEach(function (b) { if (b.getAttribute('data-toggle') === name) b.checked = false; });
    });
    function sync() {
      var off = [];
      boxes.forEach(function (b) {
        if (b.checked) b.setAttribute('checked', '');
        else { b.removeAttribute('checked'); off.push(b.getAttribute('data-toggle')); }
      });
      root.setAttribute('data-hide', off.join(' '));
      var ids = {}, on = [];
      Array.prototype.forEach.call(root.querySelectorAll('.rv-text [data-layer]'), function (el) {
        var layer = el.getAttribute('data-layer');
        ids[layer] = ids[layer] || {};
        ids[layer][el.getAttribute('data-id')] = 1;
      });
      ['quote', 'attribution', 'claim', 'device', 'frame'].forEach(function (layer) {
        var el = root.querySelector('.rv-text [data-layer="' + layer + '"]');
        var n = ids[layer] ? Object.keys(ids[layer]).length : 0;
        status.setAttribute('data-' + layer, String(n));
        if (el && getComputedStyle(el).getPropertyValue('--rv-on').trim() === '1') on.push(layer);
      });
      status.setAttribute('data-shown', on.join(' '));
      status.setAttribute('data-hidden', off.join(' '));
    }
    boxes.forEach(function (b) { b.addEventListener('change', sync); });
    root.addEventListener('mouseover', function (e) {
      var el = e.target, found = [];
      if (!el.closest || !el.closest('.rv-text')) return;
      for (; el && el !== root; el = el.parentNode) {
        if (el.getAttribute && el.getAttribute('data-layer') && el.title) found.push(el.title);
      }
      detail.textContent = '';
      found.forEach(function (t) { var p = document.createElement('p'); p.textContent = t; detail.appendChild(p); });
      if (!found.length) detail.textContent = 'Point at a marked word.';
    });
    function light(e, on) {
      var note = e.target.closest && e.target.closest('.rv-note');
      if (!note) return;
      note.classList.toggle('rv-lit', on);
      Array.prototype.forEach.call(root.querySelectorAll('.rv-s[data-sentence="' + note.getAttribute('data-sentence') + '"]'),
        function (s) { s.classList.toggle('rv-lit', on); });
    }
    function hit(n) {
      Array.prototype.forEach.call(root.querySelectorAll('.rv-s.rv-hit'), function (s) { s.classList.remove('rv-hit'); });
      Array.prototype.forEach.call(root.querySelectorAll('.rv-s[data-sentence="' + n + '"]'),
        function (s) { s.classList.add('rv-hit'); });
    }
    root.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a.rv-ev');
      if (link) hit(link.getAttribute('data-sentence'));
    });
    var at = /^#rv-s(\d+)$/.exec(window.location.hash);
    if (at) hit(at[1]);
    root.addEventListener('mouseover', function (e) { light(e, true); });
    root.addEventListener('mouseout', function (e) { light(e, false); });
    sync();
    status.setAttribute('data-ready', '1');
  });
})();
