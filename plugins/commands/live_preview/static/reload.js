// SPDX-FileCopyrightText: 2026 Open Hilversum contributors
//
// SPDX-License-Identifier: EUPL-1.2

// Live preview only (served by `make serve`, never part of the site): reload this tab after a
// successful rebuild, once its page is written (a build serves its first language before the others, and
// before its overviews: their languages and addresses are "pending"); after a failed one, show the editor's
// problems above the page.
(function () {
  "use strict";
  var BASE = "/__live_preview__/";
  var script = document.currentScript;
  var shownSite = (script && script.getAttribute("data-site")) || null;  // the build this page is of
  var panel = null;

  // Pending are languages ("en") and overview files ("/sensoren/", "/open-data/sensoren.csv"), which a build
  // writes after the other pages of its first language.
  function pagePending(state) {
    var lang = (document.documentElement.lang || "").toLowerCase().split("-")[0];
    var path = window.location.pathname.replace(/\/{2,}/g, "/").replace(/\/index\.html$/, "/");
    try { path = decodeURIComponent(path); } catch (error) { /* shown as it is */ }
    var folder = path.split("/")[1];
    return (state.pending || []).some(function (pending) {
      return pending === lang || pending === folder || pending === path;
    });
  }

  function showProblems(state) {
    if (!panel) {
      panel = document.createElement("section");
      panel.id = "live-preview-problems";
      panel.setAttribute("role", "alert");
      var style = panel.style;
      style.position = "sticky"; style.top = "0"; style.zIndex = "10000"; style.maxHeight = "50vh";
      style.overflow = "auto"; style.padding = "1rem"; style.background = "#fff3f5";
      style.borderBottom = "4px solid #b3123b"; style.color = "#1a1a1a"; style.font = "16px/1.4 sans-serif";
      document.body.insertBefore(panel, document.body.firstChild);
    }
    panel.replaceChildren();
    var title = document.createElement("h2");
    title.textContent = state.texts.failed_title;
    title.style.margin = "0 0 0.5rem";
    var hint = document.createElement("p");
    hint.textContent = state.texts.failed_hint;
    var list = document.createElement("ul");
    state.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = problem;
      code.style.whiteSpace = "pre-wrap";
      item.appendChild(code);
      list.appendChild(item);
    });
    panel.appendChild(title);
    panel.appendChild(hint);
    panel.appendChild(list);
  }

  function handle(state) {
    if (shownSite === null) shownSite = state.site;
    if (state.site !== shownSite && !pagePending(state)) {
      window.location.reload();
      return false;
    }
    if (state.problems.length) showProblems(state);
    else if (panel) { panel.remove(); panel = null; }
    return true;
  }

  function wait(version) {
    fetch(BASE + "state?since=" + version, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) { if (handle(state)) wait(state.version); })
      .catch(function () { window.setTimeout(function () { wait(-1); }, 1000); });
  }

  wait(-1);
})();
