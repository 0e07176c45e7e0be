// SPDX-FileCopyrightText: 2026 Open Hilversum contributors
//
// SPDX-License-Identifier: EUPL-1.2

// Filters, text search and sorting for a table that is complete without JavaScript.
// <form data-filter-table="ID" data-status="ID">: checkboxes (any of the checked values) and
// selects (one value, empty for all) filter rows by their data-<name> attributes (space-separated
// values); an input named q searches the row text. Headers with data-sort-key become sort buttons.
(function () {
  "use strict";

  function enhance(form) {
    var table = document.getElementById(form.dataset.filterTable);
    var status = document.getElementById(form.dataset.status);
    if (!table || !status) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    // Sorted as the page's language sorts (its <html lang>, set from DEFAULT_LANG).
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
    var fields = Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "q" && (el.type === "checkbox" || el.tagName === "SELECT");
    });
    var names = fields.map(function (el) { return el.name; })
      .filter(function (name, index, all) { return all.indexOf(name) === index; });

    function wanted(name) {
      return fields.filter(function (el) {
        return el.name === name && (el.tagName === "SELECT" ? el.value !== "" : el.checked);
      }).map(function (el) { return el.value; });
    }

    function apply() {
      var query = form.elements.q ? form.elements.q.value.trim().toLowerCase() : "";
      var choices = {};
      names.forEach(function (name) { choices[name] = wanted(name); });
      var shown = 0;
      rows.forEach(function (row, index) {
        var visible = (!query || texts[index].indexOf(query) !== -1) && names.every(function (name) {
          if (!choices[name].length) return true;
          var values = (row.getAttribute("data-" + name) || "").split(" ");
          return choices[name].some(function (value) { return values.indexOf(value) !== -1; });
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = (shown === rows.length ? status.dataset.all : status.dataset.some)
        .replace("{n}", shown).replace("{total}", rows.length);
    }

    function sortBy(header, column) {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.map(function (row) { return row; }).sort(function (a, b) {
        var x = a.cells[column].dataset.sortValue || a.cells[column].textContent.trim();
        var y = b.cells[column].dataset.sortValue || b.cells[column].textContent.trim();
        var result = collator.compare(x, y);
        return ascending ? result : -result;
      }).forEach(function (row) { body.appendChild(row); });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      if (!header.hasAttribute("data-sort-key")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(header, column); });
    });

    // Many filters fill a phone's screen: there they start folded away.
    Array.prototype.forEach.call(form.querySelectorAll("details[data-open-when-wide]"), function (details) {
      details.open = window.matchMedia("(min-width: 48rem)").matches;
    });
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-filter-table]"), enhance);
})();
