// Open Hilversum maps. Folium creates each map and calls one of these functions with it.
// Every value from data reaches the page as a text node or attribute, never as HTML.
var OpenHilversumMap = (function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function dot(colour) {
    var span = element("span", "sensor-marker__dot");
    span.style.backgroundColor = colour;
    return span;
  }

  function markerIcon(colour) {
    return L.divIcon({ className: "sensor-marker", html: dot(colour), iconSize: [20, 20], iconAnchor: [10, 10] });
  }

  function sensorLink(options, id) {
    return options.sensorUrl + encodeURIComponent(id) + "/";
  }

  function popupContent(props, options) {
    var ui = options.labels.ui;
    var box = element("div", "map-popup");
    box.appendChild(element("p", "map-popup__title", props.n));
    box.appendChild(element("p", "map-popup__type", options.labels.type[props.t] || props.t));
    box.appendChild(element("p", null, props.u));
    var facts = element("dl", "map-popup__facts");
    facts.appendChild(element("dt", null, ui.owner));
    facts.appendChild(element("dd", null, props.o));
    facts.appendChild(element("dt", null, ui.personal_data));
    facts.appendChild(element("dd", null, props.p ? ui.yes : ui.no));
    box.appendChild(facts);
    var link = element("a", null, ui.details);
    link.href = sensorLink(options, props.id);
    link.appendChild(element("span", "visually-hidden", ": " + props.n));
    box.appendChild(link);
    return box;
  }

  function tooltipContent(props) {
    return element("span", null, props.n);
  }

  function makeLayer(feature, options) {
    var props = feature.properties;
    var colour = options.colours[props.t] || "#555555";
    var layer;
    if (feature.geometry.type === "Point") {
      var c = feature.geometry.coordinates;
      layer = L.marker([c[1], c[0]], { icon: markerIcon(colour), title: props.n, keyboard: true, riseOnHover: true });
    } else {
      layer = L.geoJSON(feature, {
        style: { color: colour, weight: 2, dashArray: "6 4", fillOpacity: 0.08 }
      });
    }
    layer.bindPopup(function () { return popupContent(props, options); });
    layer.bindTooltip(function () { return tooltipContent(props); });
    return layer;
  }

  function checkedValues(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (input) {
      return input.checked;
    }).map(function (input) { return input.value; });
  }

  function showSensors(map, options) {
    if (document.readyState === "loading") {
      // Folium's script runs where the map is; the filters and the list may come later in the page.
      document.addEventListener("DOMContentLoaded", function () { showSensors(map, options); });
      return;
    }
    var form = document.getElementById("kaart-filters");
    var status = document.getElementById("kaart-status");
    var list = document.getElementById("kaart-lijst");
    var listBox = document.getElementById("kaart-lijst-box");
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    var areas = L.featureGroup();
    var entries = [];
    map.addLayer(areas);
    map.addLayer(cluster);
    if (form) form.hidden = false;

    function matches(props) {
      if (!form) return true;
      var types = checkedValues(form, "type");
      var theme = form.elements.thema.value;
      return types.indexOf(props.t) !== -1 && (!theme || props.th.indexOf(theme) !== -1);
    }

    function renderList(shown) {
      if (!list || (listBox && !listBox.open)) return;
      var fragment = document.createDocumentFragment();
      shown.forEach(function (entry) {
        var item = element("li");
        var link = element("a", null, entry.props.n);
        link.href = sensorLink(options, entry.props.id);
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + (options.labels.type[entry.props.t] || entry.props.t) + ")"));
        fragment.appendChild(item);
      });
      list.replaceChildren(fragment);
    }

    function render() {
      var points = [];
      var shown = [];
      cluster.clearLayers();
      areas.clearLayers();
      entries.forEach(function (entry) {
        if (!matches(entry.props)) return;
        shown.push(entry);
        if (entry.point) points.push(entry.layer); else areas.addLayer(entry.layer);
      });
      cluster.addLayers(points);
      if (status) status.textContent = options.labels.ui.count.replace("{n}", shown.length);
      renderList(shown);
    }

    fetch(options.url)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        entries = data.features.map(function (feature) {
          return { props: feature.properties, point: feature.geometry.type === "Point", layer: makeLayer(feature, options) };
        });
        render();
      })
      .catch(function () {
        if (status) status.textContent = options.labels.ui.load_error;
      });

    if (form) {
      form.addEventListener("change", render);
      form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
    }
    if (listBox) listBox.addEventListener("toggle", render);
  }

  function showLocation(map, options) {
    var geometry = options.geometry;
    if (geometry.type === "Point") {
      var c = geometry.coordinates;
      L.marker([c[1], c[0]], { icon: markerIcon("#b3123b"), title: options.label, keyboard: false }).addTo(map);
      map.setView([c[1], c[0]], 17);
    } else {
      var layer = L.geoJSON(geometry, {
        style: { color: "#b3123b", weight: 2, dashArray: "6 4", fillOpacity: 0.1 },
        pointToLayer: function (feature, latlng) {
          return L.marker(latlng, { icon: markerIcon("#b3123b"), keyboard: false });
        }
      });
      layer.addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    }
  }

  return { showSensors: showSensors, showLocation: showLocation };
})();
