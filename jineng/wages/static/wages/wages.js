// Wage pages: the five percentiles across levels (ECharts) and the skilled-workforce choropleth (Leaflet).
// No inline scripts (the content security policy forbids them) and no online map tiles. Labels come from the
// page's JSON, translated on the server.
(function () {
  "use strict";

  var SHADES = ["#eef3f9", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function shadeFor(value, max) {
    if (!value || !max) return SHADES[0];
    return SHADES[Math.min(4, Math.floor((value / max) * 5 - 1e-9)) + 1];
  }

  function percentileChart() {
    var node = document.getElementById("wage-chart");
    if (!node || !window.echarts) return;
    var data = readJson(node.dataset.chart);
    if (!data || !data.levels.length) return;
    var names = ["p10", "p25", "p50", "p75", "p90"];
    var chart = window.echarts.init(node);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: names.map(function (n) { return n.toUpperCase(); }) },
      grid: { left: 80, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "category", data: data.levels },
      yAxis: { type: "value", name: data.unit, scale: true },
      series: names.map(function (n) {
        return { name: n.toUpperCase(), type: "line", data: data.series[n], lineStyle: n === "p50" ? { width: 3 } : {} };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function workforceMap() {
    var node = document.getElementById("workforce-map");
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
        shape.bindTooltip(feature.properties.name + "：" + data.labels.people.replace("{n}", v.headcount || 0) +
          "，" + data.labels.high.replace("{n}", v.enterprises || 0), { sticky: true });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = window.L.DomUtil.create("div", "map-legend");
      var title = document.createElement("div");
      title.textContent = data.labels.title;
      div.appendChild(title);
      for (var i = 0; i < 5; i++) {
        var low = Math.floor((data.max * i) / 5) + 1, high = Math.floor((data.max * (i + 1)) / 5);
        if (high < low) continue;
        var row = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = shadeFor(high, data.max);
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(low + "–" + high));
        div.appendChild(row);
      }
      return div;
    };
    legend.addTo(map);
    node.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    percentileChart();
    workforceMap();
  });
})();
