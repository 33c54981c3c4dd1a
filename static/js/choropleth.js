// The district choropleth (Leaflet, no online tiles) for every page with a `.map[data-choropleth]` element.
// The element's `data-map` names a json_script node holding {shapes, values, max, labels}: values by district
// code ({headcount, enterprises}), labels translated on the server ({title, people, high}, "{n}" filled in).
// No inline scripts: the content security policy forbids them.
(function () {
  "use strict";

  var SHADES = ["#eef3f9", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  // Five equal steps up to the largest district; zero has its own pale shade.
  function shadeFor(value, max) {
    if (!value || !max) return SHADES[0];
    return SHADES[Math.min(4, Math.floor((value / max) * 5 - 1e-9)) + 1];
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

  function draw(node) {
    var source = document.getElementById(node.dataset.map);
    if (!source) return;
    var data = JSON.parse(source.textContent);
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
    node.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.L) return;
    document.querySelectorAll(".map[data-choropleth]").forEach(draw);
  });
})();
