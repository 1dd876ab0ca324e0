// The page's own behaviour (syriamap.maps.elements.PageScript), driven by the data that
// element puts before it as `var smData = {...}` (escaped JSON; element names are folium's
// global variables, every other value is data):
//
// * popups [[name, html, maxWidth]] and tooltips [[name, html]] are bound;
// * anchors {key: name} and events {key: [names]}: the panel's highlights (click a place: fly
//   to it and open its popup; click an event sentence: fit its marks and open the first shown
//   one's popup);
// * timed [[name, group, day]] and dates: the slider with a play button, layers dated after the
//   chosen day hidden, undated ones always shown;
// * states [[name, group, [[day, fill, ring, conflict], ...]]] (corpus map): on each slider
//   move a marker takes the colours of the latest change on or before the day, or disappears
//   when nothing was reported yet.
window.addEventListener('load', function () {
var d = smData, map = window[d.map];
var get = function (name) { return window[name]; };
d.popups.forEach(function (p) {
  get(p[0]).bindPopup(L.popup({maxWidth: p[2]}).setContent(p[1]));
});
d.tooltips.forEach(function (t) { get(t[0]).bindTooltip(t[1], {sticky: true}); });
var anchors = {}, events = {};
Object.keys(d.anchors).forEach(function (k) { anchors[k] = get(d.anchors[k]); });
Object.keys(d.events).forEach(function (k) { events[k] = d.events[k].map(get); });
document.querySelectorAll('[data-sm-place]').forEach(function (el) {
  el.addEventListener('click', function (e) {
    e.stopPropagation();
    var m = anchors[el.dataset.smPlace];
    if (m) { map.flyTo(m.getLatLng(), 8, {duration: 0.5}); m.openPopup(); }
  });
});
document.querySelectorAll('[data-sm-event]').forEach(function (el) {
  el.addEventListener('click', function () {
    var ms = events[el.dataset.smEvent] || [];
    var b = L.latLngBounds([]);
    ms.forEach(function (m) {
      if (m.getBounds) { b.extend(m.getBounds()); } else { b.extend(m.getLatLng()); }
    });
    if (!b.isValid()) { return; }
    map.flyToBounds(b.pad(0.3), {maxZoom: 8, duration: 0.5});
    var shown = ms.filter(function (m) { return map.hasLayer(m); });
    if (shown.length) { shown[0].openPopup(); }
  });
});
var states = d.states.map(function (s) { return {m: get(s[0]), g: get(s[1]), e: s[2]}; });
var hold = function (limit) {
  states.forEach(function (s) {
    var cur = null;
    s.e.forEach(function (x) { if (x[0] && x[0] <= limit) { cur = x; } });
    if (!cur) { s.e.forEach(function (x) { if (!x[0]) { cur = x; } }); }
    if (cur) {
      if (!s.g.hasLayer(s.m)) { s.g.addLayer(s.m); }
      s.m.setStyle({fillColor: cur[1], color: cur[2], dashArray: cur[3] ? '4 3' : null});
    } else if (s.g.hasLayer(s.m)) { s.g.removeLayer(s.m); }
  });
};
var timed = d.timed.map(function (t) { return {l: get(t[0]), g: get(t[1]), d: t[2]}; });
var dates = d.dates;
if (!dates.length) { return; }
var ctl = L.control({position: 'bottomleft'});
ctl.onAdd = function () {
  var box = L.DomUtil.create('div', 'sm-box sm-timeline');
  box.style.position = 'relative';
  box.innerHTML = '<button id="sm-play" type="button">&#9654;</button> '
    + '<input id="sm-slider" type="range" min="0" step="1"> <span id="sm-date"></span>';
  L.DomEvent.disableClickPropagation(box);
  return box;
};
ctl.addTo(map);
var slider = document.getElementById('sm-slider');
slider.max = dates.length - 1;
slider.value = dates.length - 1;
var show = function (i) {
  var limit = dates[i];
  document.getElementById('sm-date').textContent = 'up to ' + limit;
  timed.forEach(function (t) {
    var on = !t.d || t.d <= limit;
    if (on && !t.g.hasLayer(t.l)) { t.g.addLayer(t.l); }
    if (!on && t.g.hasLayer(t.l)) { t.g.removeLayer(t.l); }
  });
  if (states.length) { hold(limit); }
};
slider.addEventListener('input', function () { show(+slider.value); });
var timer = null;
document.getElementById('sm-play').addEventListener('click', function () {
  if (timer) { clearInterval(timer); timer = null; return; }
  var i = 0;
  show(i);
  slider.value = i;
  timer = setInterval(function () {
    i += 1;
    if (i >= dates.length) { clearInterval(timer); timer = null; return; }
    slider.value = i;
    show(i);
  }, 900);
});
show(dates.length - 1);
});
