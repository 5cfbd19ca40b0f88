// The admin dashboard, live: each server-sent event carries the whole dashboard (the same JSON as
// GET /api/v1/admin/metrics); figures are replaced and both charts redrawn as SVG. No library, no CDN.
(function () {
  'use strict';
  var W = 600, H = 200, PAD = 24, SVG = 'http://www.w3.org/2000/svg';

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = String(value); }
  }

  function bars(points) {
    var g = document.querySelector('#chart-signups .bars');
    if (!g) { return; }
    while (g.firstChild) { g.removeChild(g.firstChild); }
    var max = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; }).concat([1])));
    var slot = (W - 2 * PAD) / Math.max(1, points.length);
    points.forEach(function (p, i) {
      var h = (H - 2 * PAD) * p.value / max;
      var rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', (PAD + i * slot + 1).toFixed(1));
      rect.setAttribute('y', (H - PAD - h).toFixed(1));
      rect.setAttribute('width', Math.max(1, slot - 2).toFixed(1));
      rect.setAttribute('height', h.toFixed(1));
      rect.setAttribute('fill', '#3b6fd8');
      var title = document.createElementNS(SVG, 'title');
      title.textContent = p.day + ': ' + p.value;
      rect.appendChild(title);
      g.appendChild(rect);
    });
  }

  function line(points) {
    var poly = document.querySelector('#chart-mrr polyline');
    if (!poly) { return; }
    var max = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; }).concat([1])));
    var n = points.length;
    poly.setAttribute('points', points.map(function (p, i) {
      var x = n === 1 ? W / 2 : PAD + i * (W - 2 * PAD) / (n - 1);
      var y = H - PAD - (H - 2 * PAD) * p.value / max;
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' '));
    var labels = document.querySelectorAll('#chart-mrr text');
    if (labels.length === 2 && n > 0) {
      labels[0].textContent = points[0].day;
      labels[1].textContent = points[n - 1].day;
    }
  }

  function plans(byPlan) {
    var ul = document.getElementById('m-plans');
    if (!ul) { return; }
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    Object.keys(byPlan).forEach(function (plan) {
      var li = document.createElement('li');
      li.appendChild(document.createTextNode(plan + ': '));
      var strong = document.createElement('strong');
      strong.textContent = String(byPlan[plan]);
      li.appendChild(strong);
      ul.appendChild(li);
    });
  }

  function show(d) {
    text('m-users', d.users);
    text('m-organizations', d.organizations);
    text('m-mrr', d.mrr);
    text('m-subscriptions', d.activeSubscriptionsTotal);
    text('m-churned', d.churnedSubscriptions);
    text('m-paid', d.invoicesPaid);
    text('m-failed', d.invoicesFailed);
    text('as-of', d.asOfSequence);
    plans(d.activeSubscriptions || {});
    bars(d.signupsPerDay || []);
    line(d.mrrOverTime || []);
  }

  if (window.EventSource) {
    var source = new EventSource('/admin/metrics/stream');
    source.addEventListener('metrics', function (event) { show(JSON.parse(event.data)); });
  }
}());
