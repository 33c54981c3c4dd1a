// Wage pages: the five percentiles across levels (ECharts); the skilled-workforce choropleth is
// static/js/choropleth.js.
// No inline scripts (the content security policy forbids them) and no online map tiles. Labels come from the
// page's JSON, translated on the server.
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
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

  document.addEventListener("DOMContentLoaded", function () {
    percentileChart();
  });
})();
