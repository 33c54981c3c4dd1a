// The institution's district polygon and its teaching sites; no online tiles, the polygon is the map.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("sites-map");
    if (!node || !window.L) return;
    var data = JSON.parse(document.getElementById(node.dataset.map).textContent);
    var map = window.L.map(node, { zoomSnap: 0.25, attributionControl: false });
    var layer = window.L.geoJSON(data.shapes, {
      style: function () { return { color: "#1f4e79", weight: 1.5, fillOpacity: 0.12, fillColor: "#1f4e79" }; }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });  // a view first: markers need one
    data.sites.forEach(function (site) {
      window.L.circleMarker([site.lat, site.lon], { radius: 6, color: "#c0392b", fillOpacity: 0.9 })
        .bindTooltip(site.name + "：" + site.address).addTo(map);
    });
  });
})();
