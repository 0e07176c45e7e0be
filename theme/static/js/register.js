// SPDX-FileCopyrightText: 2026 Open Hilversum contributors
//
// SPDX-License-Identifier: EUPL-1.2

// The sensor register page: search, filters and sorting over every sensor, not only this page's rows.
// The page works without JavaScript (its rows, page links to the rest). On first use of the form or
// a sort button, the compact index (form[data-register-index]) is fetched once; every later change
// filters the whole register in memory and shows the first rows of the result, more on request.
// Values from data only ever reach the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var form = document.getElementById("register-filters");
  var table = document.getElementById("register-tabel");
  var status = document.getElementById("register-status");
  if (!form || !table || !status) return;
  var body = table.tBodies[0];
  var more = document.getElementById("register-more");
  var pages = document.getElementById("register-pages");
  var pageSize = parseInt(form.dataset.pageSize, 10) || 100;
  var siteUrl = form.dataset.siteUrl || "";
  var originalRows = Array.prototype.slice.call(body.rows);
  var originalStatus = status.textContent;
  // Sorted as the page's language sorts (its <html lang>, set from DEFAULT_LANG).
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  // Table column -> facet of the index whose labels it shows (name and owner are plain text).
  var COLUMN_FACETS = { sensor_type: "type", themes: "themes", processes_personal_data: "personal", status: "status" };

  var index = null;     // the fetched index, prepared for filtering
  var loading = null;   // the promise of it
  var sortKey = null;
  var ascending = true;
  var matches = [];     // positions of the matching sensors, in display order
  var rendered = 0;
  var applied = null;   // the state last shown: a "change" after "input" must not rebuild (a click would miss)

  // The index is shared by every language and holds the first language's words. This page's own words for
  // each code and badge (by key) and its language come in a data block: the rows drawn here use them, and a
  // sensor's name without a translation into this page's language is marked as the original's.
  var textsBlock = document.getElementById("register-texts");
  var texts = textsBlock ? JSON.parse(textsBlock.textContent) : { labels: {}, badges: {} };
  var names = {};
  var translatedTexts = {};  // the page's language's summary_<lang> of the sensors that have one (index "search_texts")

  function pageWords(data) {
    Object.keys(texts.labels).forEach(function (key) {
      if (!data.codes[key]) return;
      data.codes[key].forEach(function (code, position) {
        if (texts.labels[key][code]) data.labels[key][position] = texts.labels[key][code];
      });
    });
    data.badges.forEach(function (badge) {
      if (badge[2] && texts.badges[badge[2]]) badge[0] = texts.badges[badge[2]];
    });
    names = (data.names && texts.lang !== texts.original && data.names[texts.lang]) || {};
    translatedTexts = (data.search_texts && texts.lang !== texts.original && data.search_texts[texts.lang]) || {};
  }

  function nameOf(row) {
    return names[row[0]] || row[1];
  }

  function prepare(data) {
    pageWords(data);
    var facetOf = {};
    data.facets.forEach(function (key, position) { facetOf[key] = position; });
    var searchable = data.facets.filter(function (key) { return key !== "personal"; });
    data.texts = data.sensors.map(function (row) {
      var words = [row[3], names[row[0]] || "", translatedTexts[row[0]] || ""];
      searchable.forEach(function (key) {
        row[4][facetOf[key]].forEach(function (code) { words.push(data.labels[key][code]); });
      });
      return words.join(" ").toLowerCase();
    });
    data.facetOf = facetOf;
    data.orders = {};
    return data;
  }

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.registerIndex, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { index = prepare(data); return index; })
        .catch(function () { status.textContent = status.dataset.failed; throw new Error("index"); });
    }
    return loading;
  }

  function chosen() {
    var wanted = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      (wanted[box.name] = wanted[box.name] || []).push(box.value);
    });
    return wanted;
  }

  // Per facet with a choice: a lookup of the chosen code positions.
  function facetTests(wanted) {
    return Object.keys(wanted).map(function (key) {
      var allowed = {};
      wanted[key].forEach(function (code) {
        var position = index.codes[key].indexOf(code);
        if (position !== -1) allowed[position] = true;
      });
      return { facet: index.facetOf[key], allowed: allowed };
    });
  }

  function matching(query, tests) {
    var found = [];
    var sensors = index.sensors;
    for (var i = 0; i < sensors.length; i += 1) {
      if (query && index.texts[i].indexOf(query) === -1) continue;
      var ok = true;
      for (var t = 0; t < tests.length && ok; t += 1) {
        var codes = sensors[i][4][tests[t].facet];
        ok = false;
        for (var c = 0; c < codes.length; c += 1) {
          if (tests[t].allowed[codes[c]]) { ok = true; break; }
        }
      }
      if (ok) found.push(i);
    }
    return found;
  }

  function labelsOf(position, key) {
    var codes = index.sensors[position][4][index.facetOf[key]];
    return codes.map(function (code) { return index.labels[key][code]; }).join(", ");
  }

  function sortText(position, key) {
    var row = index.sensors[position];
    if (key === "name") return nameOf(row);
    if (key === "owner_organisation") return row[2];
    if (key === "processes_personal_data") return personalText(position);
    return labelsOf(position, COLUMN_FACETS[key]);
  }

  function personalText(position) {
    var codes = index.sensors[position][4][index.facetOf.personal];
    var yes = codes.length && index.codes.personal[codes[0]] === "yes";
    return yes ? status.dataset.yes : status.dataset.no;
  }

  // The whole register's order for one column, computed once per column.
  function rankOf(key) {
    if (!index.orders[key]) {
      var positions = index.sensors.map(function (_row, i) { return i; });
      var texts = positions.map(function (i) { return sortText(i, key); });
      positions.sort(function (a, b) { return collator.compare(texts[a], texts[b]) || a - b; });
      var rank = new Array(positions.length);
      positions.forEach(function (position, place) { rank[position] = place; });
      index.orders[key] = rank;
    }
    return index.orders[key];
  }

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function rowFor(position) {
    var row = index.sensors[position];
    var tr = document.createElement("tr");
    var th = document.createElement("th");
    th.scope = "row";
    var link = cell("a", nameOf(row));
    if (!names[row[0]] && texts.lang !== texts.original) link.lang = texts.original;
    link.href = siteUrl + "/" + index.sensor_url.replace("{id}", encodeURIComponent(row[0]));
    var id = cell("span", row[0]);
    id.className = "register-table__id";
    th.appendChild(link);
    th.appendChild(document.createTextNode("\n        "));
    th.appendChild(id);
    tr.appendChild(th);
    tr.appendChild(cell("td", labelsOf(position, "type")));
    tr.appendChild(cell("td", labelsOf(position, "themes")));
    tr.appendChild(cell("td", row[2]));
    tr.appendChild(cell("td", personalText(position)));
    var badges = document.createElement("td");
    row[5].forEach(function (badge) {
      var span = cell("span", index.badges[badge][0]);
      span.className = "badge badge--" + index.badges[badge][1];
      badges.appendChild(span);
      badges.appendChild(document.createTextNode(" "));
    });
    tr.appendChild(badges);
    return tr;
  }

  function showMore() {
    var fragment = document.createDocumentFragment();
    var end = Math.min(matches.length, rendered + pageSize);
    var first = null;
    for (var i = rendered; i < end; i += 1) {
      var tr = rowFor(matches[i]);
      if (!first) first = tr;
      fragment.appendChild(tr);
    }
    body.appendChild(fragment);
    rendered = end;
    if (more) more.hidden = rendered >= matches.length;
    return first;
  }

  function setStatus(shown, total) {
    status.textContent = (shown === total ? status.dataset.all : status.dataset.some)
      .replace("{n}", shown).replace("{total}", total);
  }

  function restoreOriginal() {
    body.replaceChildren.apply(body, originalRows);
    status.textContent = originalStatus;
    if (more) more.hidden = true;
    if (pages) pages.hidden = false;
  }

  function apply() {
    if (!index) return;
    var query = form.elements.q ? form.elements.q.value.trim().toLowerCase() : "";
    var wanted = chosen();
    var state = JSON.stringify([query, wanted, sortKey, ascending]);
    if (state === applied) return;
    applied = state;
    var tests = facetTests(wanted);
    if (!query && !tests.length && !sortKey) {
      restoreOriginal();
      return;
    }
    matches = matching(query, tests);
    if (sortKey) {
      var rank = rankOf(sortKey);
      var direction = ascending ? 1 : -1;
      matches.sort(function (a, b) { return direction * (rank[a] - rank[b]); });
    }
    body.replaceChildren();
    rendered = 0;
    showMore();
    if (pages) pages.hidden = true;
    setStatus(matches.length, index.sensors.length);
  }

  function applySoon() {
    if (index) apply();
    else load().then(apply, function () {});
  }

  function sortBy(header, key) {
    ascending = !(sortKey === key && ascending);
    sortKey = key;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    applySoon();
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
    var key = header.getAttribute("data-sort-key");
    if (!key) return;
    var button = cell("button", header.textContent);
    button.type = "button";
    button.className = "sort-button";
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header, key); });
  });

  // Many filters fill a phone's screen: there they start folded away.
  Array.prototype.forEach.call(form.querySelectorAll("details[data-open-when-wide]"), function (details) {
    details.open = window.matchMedia("(min-width: 48rem)").matches;
  });
  form.hidden = false;
  // The index is fetched when the visitor starts using the form, not with the page.
  form.addEventListener("focusin", function () { load().catch(function () {}); });
  form.addEventListener("input", applySoon);
  form.addEventListener("change", applySoon);
  form.addEventListener("submit", function (event) { event.preventDefault(); applySoon(); });
  form.addEventListener("reset", function () {
    sortKey = null;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    window.setTimeout(applySoon, 0);
  });
  if (more) {
    more.addEventListener("click", function () {
      var first = showMore();
      if (first) first.querySelector("a").focus();
    });
  }
})();
