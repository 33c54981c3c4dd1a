// Demand pages: "select all" on the ranking (the district heat map is static/js/choropleth.js).
// No inline scripts: the content security policy forbids them.
(function () {
  "use strict";

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
    checkAll();
  });
})();
