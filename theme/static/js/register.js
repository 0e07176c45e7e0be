// Sensor register: filters, text search and sorting on top of the full HTML table.
// Without JavaScript the whole table is there; this only hides rows and reorders them.
(function () {
  "use strict";
  var form = document.getElementById("register-filters");
  var table = document.getElementById("register-tabel");
  var status = document.getElementById("register-status");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var total = rows.length;
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var facetKeys = Array.prototype.map.call(form.querySelectorAll("fieldset input[type=checkbox]"), function (input) {
    return input.name;
  }).filter(function (name, index, all) { return all.indexOf(name) === index; });

  function selected(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']:checked"), function () {
      return true;
    }).map(function (input) { return input.value; });
  }

  function rowMatches(row, index, query, choices) {
    if (query && texts[index].indexOf(query) === -1) return false;
    return facetKeys.every(function (key) {
      var wanted = choices[key];
      if (!wanted.length) return true;
      var values = (row.getAttribute("data-" + key) || "").split(" ");
      return wanted.some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  function apply() {
    var query = form.elements.q.value.trim().toLowerCase();
    var choices = {};
    facetKeys.forEach(function (key) { choices[key] = selected(key); });
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = rowMatches(row, index, query, choices);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = (shown === total ? status.dataset.all : status.dataset.some)
      .replace("{n}", shown).replace("{total}", total);
  }

  function sortBy(header, columnIndex) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var order = rows.map(function (row, index) { return { row: row, index: index }; });
    order.sort(function (a, b) {
      var x = a.row.cells[columnIndex].textContent.trim();
      var y = b.row.cells[columnIndex].textContent.trim();
      var result = x.localeCompare(y, "nl", { numeric: true, sensitivity: "base" });
      return ascending ? result : -result;
    });
    order.forEach(function (item) { body.appendChild(item.row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, columnIndex) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header, columnIndex); });
  });

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
})();
