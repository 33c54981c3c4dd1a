// The planner's grid: each 500 m cell shaded by how many kinds of service lie within 15 minutes' walk.
// Cells are drawn as image overlays in bands of rows, so that the map's projection bends them by under a metre.
(function () {
  "use strict";
  var SHADES = ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"];
  var BAND = 16;

  function rgb(hex) { return [1, 3, 5].map(function (i) { return parseInt(hex.substr(i, 2), 16); }); }

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("planner-map");
    if (!node || !window.L) return;
    var L = window.L;
    var grid = JSON.parse(document.getElementById("grid-data").textContent);
    var b = grid.bounds;
    var stepLat = (b[3] - b[1]) / grid.rows;
    var map = L.map(node, { zoomSnap: 0.25, minZoom: 8, maxZoom: 18, attributionControl: false }).fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    var colours = SHADES.map(rgb);
    for (var start = 0; start < grid.rows; start += BAND) {
      var rows = Math.min(BAND, grid.rows - start);
      var canvas = document.createElement("canvas");
      canvas.width = grid.columns;
      canvas.height = rows;
      var context = canvas.getContext("2d");
      var image = context.createImageData(grid.columns, rows);
      for (var r = 0; r < rows; r++) {
        var line = grid.cells[start + r];
        var y = rows - 1 - r;  // row 0 is the southernmost; the image's first line is its top
        for (var c = 0; c < grid.columns; c++) {
          var ch = line.charAt(c);
          if (ch === ".") continue;
          var colour = colours[Math.min(parseInt(ch, 10), colours.length - 1)];
          var i = (y * grid.columns + c) * 4;
          image.data[i] = colour[0]; image.data[i + 1] = colour[1]; image.data[i + 2] = colour[2]; image.data[i + 3] = 190;
        }
      }
      context.putImageData(image, 0, 0);
      L.imageOverlay(canvas.toDataURL(), [[b[1] + start * stepLat, b[0]], [b[1] + (start + rows) * stepLat, b[2]]],
                     { className: "planner-cells", interactive: false }).addTo(map);
    }
    fetch(node.dataset.shapes).then(function (r) { return r.json(); }).then(function (shapes) {
      L.geoJSON(shapes, { interactive: false, style: function () { return { color: "#1f4e79", weight: 1, fill: false }; } }).addTo(map);
    });
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "map-legend");
      // Built node by node: the content security policy refuses style attributes written as HTML.
      SHADES.forEach(function (colour, n) {
        var row = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = colour;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(String(n)));
        div.appendChild(row);
      });
      return div;
    };
    legend.addTo(map);
  });
})();
