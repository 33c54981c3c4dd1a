// Page behaviour without inline scripts (the content security policy forbids them).
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function autosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function taskChart() {
    var node = document.getElementById("task-chart");
    if (!node || !window.echarts) return;
    var series = readJson(node.dataset.chart) || [];
    var months = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];
    var chart = window.echarts.init(node);
    var lines = [];
    series.forEach(function (s) {
      lines.push({ name: s.label + "（累计）", type: "bar", data: s.actual });
      lines.push({ name: s.label + "（应达）", type: "line", data: s.expected, lineStyle: { type: "dashed" }, symbol: "none" });
    });
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value" },
      series: lines
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function colourFor(score) {
    if (score === null || score === undefined) return "#c8ced6";
    if (score >= 90) return "#1b7a43";
    if (score >= 80) return "#52a86f";
    if (score >= 70) return "#e6a019";
    if (score >= 60) return "#e07b39";
    return "#c0392b";
  }

  function districtMap() {
    var node = document.getElementById("district-map");
    if (!node || !window.L) return;
    var data = readJson(node.dataset.map);
    // No online tiles: the district polygons are the map.
    var map = window.L.map(node, { zoomSnap: 0.25, attributionControl: false });
    var layer = window.L.geoJSON(data.shapes, {
      style: function (feature) {
        var s = data.scores[feature.properties.code] || {};
        return { color: "#ffffff", weight: 1.5, fillOpacity: 0.85, fillColor: colourFor(s.score) };
      },
      onEachFeature: function (feature, shape) {
        var s = data.scores[feature.properties.code] || {};
        shape.bindTooltip(feature.properties.name + "：" + (s.score !== undefined ? s.score + "（第 " + s.rank + " 名）" : "—"), { sticky: true });
        shape.on("click", function () { window.location.href = "../districts/" + feature.properties.code + "/" + window.location.search; });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = window.L.DomUtil.create("div", "map-legend");
      [[90, "≥ 90"], [80, "80–90"], [70, "70–80"], [60, "60–70"], [0, "< 60"]].forEach(function (item) {
        var row = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = colourFor(item[0]);
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(item[1]));
        div.appendChild(row);
      });
      return div;
    };
    legend.addTo(map);
  }

  // A data table wider than the screen scrolls sideways in its own box (jineng.css, phone widths); one that does
  // is made focusable so that a keyboard can scroll it too (WCAG 2.1.1). A table that fits gets no extra tab stop.
  function scrollingTables() {
    document.querySelectorAll("table.grid").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1 && getComputedStyle(table).overflowX !== "visible";
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    taskChart();
    districtMap();
    scrollingTables();
  });
  window.addEventListener("resize", scrollingTables);
  document.addEventListener("htmx:afterSettle", scrollingTables);
})();
