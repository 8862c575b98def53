(function () {
  var current = null;
  function keysOf(el) { return (el.getAttribute('data-keys') || '').split(' '); }
  function scrollInside(panel, el) {
    if (!panel || !el) { return; }
    var top = el.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTop = Math.max(0, top - panel.clientHeight / 3);
  }
  function select(key, origin) {
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    if (key === current) { current = null; return; }
    current = key;
    var boxes = [];
    document.querySelectorAll('[data-keys]').forEach(function (el) {
      if (keysOf(el).indexOf(key) >= 0) { el.classList.add('active'); if (el.matches('rect.box')) { boxes.push(el); } }
    });
    document.querySelectorAll('[data-key="' + key + '"]').forEach(function (el) { el.classList.add('active'); });
    if (origin !== 'page' && boxes.length) { boxes[0].scrollIntoView({block: 'center', inline: 'center'}); }
    scrollInside(document.getElementById('action-list'), document.querySelector('button.act.active'));
    scrollInside(document.querySelector('#records .records-box'), document.querySelector('tr.record.active'));
  }
  function zoom(factor) {
    document.querySelectorAll('figure.page svg').forEach(function (svg) {
      // factor 0 fits the width; otherwise 1 is the printed size (a PDF point is 4/3 CSS pixels)
      var width = parseFloat(svg.getAttribute('data-width')) * factor * 4 / 3;
      svg.style.width = factor ? width + 'px' : '';
      svg.parentNode.style.width = factor ? (width + 14) + 'px' : '';
    });
    document.querySelectorAll('.zoom-button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(parseFloat(button.getAttribute('data-zoom')) === factor));
    });
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest('.zoom-button');
    if (button) { zoom(parseFloat(button.getAttribute('data-zoom'))); return; }
    var pick = event.target.closest('.pick');
    if (pick) { select(pick.getAttribute('data-key'), 'list'); return; }
    var box = event.target.closest('[data-keys]');
    if (box) { select(keysOf(box)[0], 'page'); }
  });
  window.planReport = {select: select, zoom: zoom};
})();
