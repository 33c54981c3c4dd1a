// History, forecast and prediction interval of one demand series (data from json_script; no inline scripts).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("forecast-chart");
    if (!node || !window.echarts) return;
    var data = JSON.parse(document.getElementById(node.dataset.chart).textContent);
    var history = data.history, forecast = data.forecast;
    var periods = history.periods.concat(forecast.periods);
    var pad = function (n) { return new Array(n).fill(null); };
    var lower = pad(history.periods.length).concat(forecast.lower);
    var band = pad(history.periods.length).concat(forecast.upper.map(function (u, i) { return u - forecast.lower[i]; }));
    var chart = window.echarts.init(node);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["历史", "预测", "预测区间 " + Math.round(forecast.level * 100) + "%"] },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "category", data: periods },
      yAxis: { type: "value", min: 0 },
      series: [
        { name: "区间下限", type: "line", data: lower, stack: "band", lineStyle: { opacity: 0 }, symbol: "none", tooltip: { show: false } },
        { name: "预测区间 " + Math.round(forecast.level * 100) + "%", type: "line", data: band, stack: "band", lineStyle: { opacity: 0 }, symbol: "none", areaStyle: { color: "rgba(46,117,182,0.2)" } },
        { name: "历史", type: "line", data: history.values.concat(pad(forecast.periods.length)) },
        { name: "预测", type: "line", data: pad(history.periods.length - 1).concat([history.values[history.values.length - 1]]).concat(forecast.mean), lineStyle: { type: "dashed" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
