// SPDX-FileCopyrightText: 2026 Open Hilversum contributors
//
// SPDX-License-Identifier: EUPL-1.2

// Starts the Pagefind search box on /zoeken/; ?q=... in the address fills it in.
(function () {
  "use strict";
  var container = document.getElementById("zoeken");
  if (!container || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#zoeken",
    baseUrl: new URL(container.dataset.baseUrl, window.location.href).pathname,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: container.dataset.label }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
