// The 15-minute circle: the district outlines, the reachable area (with its band) and the services inside it;
// a click on the map, a district or a site asks the page again for that point.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("circle-map");
    if (!node || !window.L) return;
    var L = window.L;
    var form = document.getElementById("circle-form");
    var dataNode = document.getElementById("circle-data");
    var data = dataNode ? JSON.parse(dataNode.textContent) : null;
    var map = L.map(node, { zoomSnap: 0.25, minZoom: 8, maxZoom: 18, attributionControl: false }).setView([31.2, 121.45], 9);
    var drawn = null;

    fetch(node.dataset.shapes).then(function (r) { return r.json(); }).then(function (shapes) {
      var layer = L.geoJSON(shapes, {
        interactive: false,
        style: function () { return { color: "#1f4e79", weight: 1, fillOpacity: 0.08, fillColor: "#1f4e79" }; }
      }).addTo(map);
      layer.bringToBack();
      if (!drawn) map.fitBounds(layer.getBounds(), { padding: [6, 6] });
    });

    if (data && data.answer) {
      var origin = [parseFloat(data.lat), parseFloat(data.lng)];
      var method = data.answer.method;
      var speed = method.speed_kmh * 1000 / 60;
      var band = method.detour_band;
      [band[0], band[1]].forEach(function (detour) {
        L.circle(origin, { radius: method.minutes * speed / detour, color: "#1f4e79", weight: 1, dashArray: "4 4", fill: false, interactive: false }).addTo(map);
      });
      drawn = L.circle(origin, { radius: method.radius_m, color: "#1f4e79", weight: 2, fillOpacity: 0.12 }).addTo(map);
      L.circleMarker(origin, { radius: 7, color: "#000", fillColor: "#fff", fillOpacity: 1 }).addTo(map);
      data.answer.services.forEach(function (s) {
        L.circleMarker([s.lat, s.lng], { radius: 5, color: "#fff", weight: 1, fillColor: "#c0392b", fillOpacity: 0.9 })
          .bindTooltip(s.name + " · " + s.minutes + " min").addTo(map);
      });
      map.fitBounds(drawn.getBounds(), { padding: [10, 10] });
    }

    map.on("click", function (event) {
      form.elements.lng.value = event.latlng.lng.toFixed(6);
      form.elements.lat.value = event.latlng.lat.toFixed(6);
      form.elements.district.value = "";
      if (form.elements.site) form.elements.site.value = "";
      form.submit();
    });
    form.elements.district.addEventListener("change", function () {
      form.elements.lng.value = "";
      form.elements.lat.value = "";
      if (form.elements.site) form.elements.site.value = "";
      form.submit();
    });
    if (form.elements.site) {
      form.elements.site.addEventListener("change", function () {
        form.elements.lng.value = "";
        form.elements.lat.value = "";
        form.submit();
      });
    }
  });
})();
