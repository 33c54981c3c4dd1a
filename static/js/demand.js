// Demand pages: the district heat map of reported headcount and "select all" on the ranking.
// No inline scripts (the content security policy forbids them) and no online map tiles.
(function () {
  "use strict";

  var SHADES = ["#eef3f9", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Five equal steps up to the largest district; zero has its own pale shade.
  function shadeFor(value, max) {
    if (!value || !max) return SHADES[0];
    var step = Math.min(4, Math.floor((value / max) * 5 - 1e-9));
    return SHADES[step + 1];
  }

  function legendSteps(max) {
    var steps = [[0, "0"]];
    for (var i = 0; i < 5; i++) {
      var low = Math.floor((max * i) / 5) + 1;
      var high = Math.floor((max * (i + 1)) / 5);
      if (high >= low) steps.push([high, low + "–" + high]);
    }
    return steps;
  }

  function demandMap() {
    var node = document.getElementById("demand-map");
    if (!node || !window.L) return;
    var data = readJson(node.dataset.map);
    if (!data) return;
    var map = window.L.map(node, { zoomSnap: 0.25, attributionControl: false });
    var layer = window.L.geoJSON(data.shapes, {
      style: function (feature) {
        var v = data.values[feature.properties.code] || {};
        return { color: "#ffffff", weight: 1.5, fillOpacity: 0.9, fillColor: shadeFor(v.headcount, data.max) };
      },
      onEachFeature: function (feature, shape) {
        var v = data.values[feature.properties.code] || {};
        shape.bindTooltip(
          feature.properties.name + "：" + (v.headcount || 0) + " 人，" + (v.enterprises || 0) + " 家企业",
          { sticky: true }
        );
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = window.L.DomUtil.create("div", "map-legend");
      var title = document.createElement("div");
      title.textContent = "需求人数";
      div.appendChild(title);
      legendSteps(data.max).forEach(function (item) {
        var row = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = shadeFor(item[0], data.max);
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(item[1]));
        div.appendChild(row);
      });
      return div;
    };
    legend.addTo(map);
  }

  function checkAll() {
    document.querySelectorAll("input[data-check-all]").forEach(function (master) {
      master.addEventListener("change", function () {
        var form = master.form || document;
        form.querySelectorAll('input[type=checkbox][name="' + master.dataset.checkAll + '"]').forEach(function (box) {
          box.checked = master.checked;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    demandMap();
    checkAll();
  });
})();
