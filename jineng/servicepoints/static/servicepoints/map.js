// The training map: district outlines (the project's own polygons, no tiles), points clustered when zoomed out,
// filters re-asking the public API, and a list that follows the view.
(function () {
  "use strict";
  var COLOURS = { station: "#1f77b4", training: "#2ca02c", test_site: "#9467bd", window: "#d62728", venue: "#e67e22" };
  var LIST_MAX = 100;

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("sp-map");
    if (!node || !window.L || !window.L.markerClusterGroup) return;
    var L = window.L;
    var labels = JSON.parse(document.getElementById("sp-labels").textContent);
    var form = document.getElementById("map-filters");
    var list = document.getElementById("sp-list");
    var listCount = document.getElementById("list-count");
    var total = document.getElementById("map-count");
    var map = L.map(node, { zoomSnap: 0.25, minZoom: 8, maxZoom: 18, attributionControl: false, preferCanvas: true }).setView([31.2, 121.45], 9);
    var cluster = L.markerClusterGroup({ maxClusterRadius: 45, chunkedLoading: true, showCoverageOnHover: false });
    var districts = {};
    var points = [];
    map.addLayer(cluster);

    fetch(node.dataset.shapes).then(function (r) { return r.json(); }).then(function (shapes) {
      var layer = L.geoJSON(shapes, {
        interactive: false,
        style: function () { return { color: "#1f4e79", weight: 1, fillOpacity: 0.08, fillColor: "#1f4e79" }; }
      }).addTo(map);
      layer.eachLayer(function (l) { districts[l.feature.properties.code] = l.getBounds(); });
      map.fitBounds(layer.getBounds(), { padding: [6, 6] });
      zoomToDistrict();
    });

    function text(template, n) { return template.replace("{n}", n); }

    function showList() {
      var bounds = map.getBounds();
      var inView = points.filter(function (p) { return bounds.contains([p.lat, p.lng]); });
      list.textContent = "";
      inView.slice(0, LIST_MAX).forEach(function (p) {
        var li = document.createElement("li");
        li.dataset.id = p.id;
        li.dataset.kind = p.kind;
        var dot = document.createElement("span");
        dot.className = "sp-dot";
        dot.style.background = COLOURS[p.kind] || "#555";
        var name = document.createElement("b");
        name.textContent = p.name;
        var kind = document.createElement("small");
        kind.className = "muted";
        kind.textContent = " " + (labels.kinds[p.kind] || p.kind) + (p.address ? " · " + p.address : "");
        li.append(dot, name, kind);
        list.appendChild(li);
      });
      if (inView.length > LIST_MAX) {
        var more = document.createElement("li");
        more.className = "muted";
        more.textContent = text(labels.more, inView.length - LIST_MAX);
        list.appendChild(more);
      }
      listCount.textContent = "(" + inView.length + ")";
      listCount.dataset.count = inView.length;
    }

    function zoomToDistrict() {
      var code = form.elements.district.value;
      if (code && districts[code]) map.fitBounds(districts[code], { padding: [6, 6] });
    }

    var asked = 0;

    function load() {
      var params = new URLSearchParams(new FormData(form));
      var mine = ++asked;
      node.setAttribute("aria-busy", "true");
      return fetch(node.dataset.points + "?" + params.toString()).then(function (r) { return r.json(); }).then(function (data) {
        if (mine !== asked) return;  // a later filter change has asked again: its answer wins
        points = data.results || [];
        cluster.clearLayers();
        cluster.addLayers(points.map(function (p) {
          return L.circleMarker([p.lat, p.lng], { radius: 6, weight: 1, color: "#fff", fillColor: COLOURS[p.kind] || "#555", fillOpacity: 0.9 })
            .bindTooltip(p.name);
        }));
        total.textContent = text(labels.count, points.length);
        total.dataset.count = points.length;
        showList();
        node.removeAttribute("aria-busy");
      });
    }

    form.addEventListener("change", function (event) {
      load().then(function () { if (event.target.name === "district") zoomToDistrict(); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    map.on("moveend", showList);
    load();
  });
})();
