// SPDX-FileCopyrightText: 2026 Open Hilversum contributors
//
// SPDX-License-Identifier: EUPL-1.2

// The site's maps. Folium's script for each map creates the Leaflet map and calls
// SiteMaps.start(map, id); what the map shows comes from the page's JSON data block
// <script type="application/json" id="<id>-data">. No inline script anywhere.
// Every value from data reaches the page as a text node or attribute, never as HTML.
var SiteMaps = (function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // What editors wrote, on a page in another language than theirs: marked with their language (`lang`).
  function inLanguage(node, lang) {
    if (lang) node.lang = lang;
    return node;
  }

  function dot(colour, size) {
    var span = element("span", "sensor-marker__dot");
    span.style.backgroundColor = colour;
    if (size) {
      span.style.width = size + "px";
      span.style.height = size + "px";
    }
    return span;
  }

  // A divIcon that draws a fresh dot each time a marker is shown, so one icon serves every
  // marker of a colour (an icon holding one DOM node could be shown by one marker only).
  var DotIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      div.replaceChildren(dot(this.options.colour, this.options.size));
      return div;
    }
  });

  function markerIcon(colour, className, size) {
    var box = (size || 18) + 2;
    return new DotIcon({ className: className || "sensor-marker", html: false, colour: colour, size: size,
      iconSize: [box, box], iconAnchor: [box / 2, box / 2] });
  }

  var sensorIcons = {};

  function sensorIcon(colour) {
    if (!sensorIcons[colour]) sensorIcons[colour] = markerIcon(colour);
    return sensorIcons[colour];
  }

  // Clustering places each marker on every zoom level from the highest down to where it joins a
  // cluster; at street level (zoom 17-19) few sensors do, so clustering stops at 17: with the
  // library's default radius (80 px) that is a third of the work at 10,000 sensors. Sensors on one
  // spot still spiderfy at zoom 16, the highest clustered level.
  var CLUSTER_OPTIONS = { showCoverageOnHover: false, chunkedLoading: true, disableClusteringAtZoom: 17 };

  function loadJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function setText(node, text) {
    if (node) node.textContent = text;
  }

  // --- sensors ---

  function sensorLink(sensors, id) {
    return sensors.sensorUrl.split("{id}").join(encodeURIComponent(id));  // SENSOR_URL
  }

  // A sensor's name in the page's language when the editor gave one (n_en), else the original, marked.
  function sensorName(props, sensors) {
    return (sensors.nameKey && props[sensors.nameKey]) || props.n;
  }

  function nameLang(props, sensors) {
    return sensors.nameKey && props[sensors.nameKey] ? null : sensors.contentLang;
  }

  function sensorPopup(props, sensors, ui) {
    var box = element("div", "map-popup");
    box.appendChild(inLanguage(element("p", "map-popup__title", sensorName(props, sensors)), nameLang(props, sensors)));
    box.appendChild(element("p", "map-popup__type", sensors.typeLabels[props.t] || props.t));
    box.appendChild(inLanguage(element("p", null, props.u), sensors.contentLang));
    var facts = element("dl", "map-popup__facts");
    facts.appendChild(element("dt", null, ui.owner));
    facts.appendChild(element("dd", null, props.o));
    facts.appendChild(element("dt", null, ui.personal_data));
    facts.appendChild(element("dd", null, props.p ? ui.yes : ui.no));
    box.appendChild(facts);
    var link = element("a", null, ui.details);
    link.href = sensorLink(sensors, props.id);
    link.appendChild(element("span", "visually-hidden", ": "));
    link.appendChild(inLanguage(element("span", "visually-hidden", sensorName(props, sensors)), nameLang(props, sensors)));
    box.appendChild(link);
    return box;
  }

  function bindSensorDetails(layer, props, sensors, ui) {
    layer.bindPopup(function () { return sensorPopup(props, sensors, ui); });
    layer.bindTooltip(function () {
      return inLanguage(element("span", null, sensorName(props, sensors)), nameLang(props, sensors));
    });
  }

  // A sensor's marker gets its popup and tooltip just before it is first shown: at 10,000 sensors
  // most markers sit in clusters, and binding them all up front took much of the first paint.
  // Before the add (not in onAdd), so Leaflet still attaches its keyboard focus listeners.
  var SensorMarker = L.Marker.extend({
    beforeAdd: function () {
      if (!this.getPopup()) bindSensorDetails(this, this.options.sensor, this.options.sensors, this.options.ui);
    }
  });

  function sensorColour(props, sensors) {
    return sensors.colours[props.t] || "#555555";
  }

  // c: [longitude, latitude], as in GeoJSON
  function sensorMarker(c, props, sensors, ui) {
    return new SensorMarker([c[1], c[0]], { icon: sensorIcon(sensorColour(props, sensors)), title: sensorName(props, sensors),
      keyboard: true, riseOnHover: true, sensor: props, sensors: sensors, ui: ui });
  }

  function sensorLayer(feature, sensors, ui) {
    var props = feature.properties;
    if (feature.geometry.type === "Point") return sensorMarker(feature.geometry.coordinates, props, sensors, ui);
    var layer = L.geoJSON(feature, { style: { color: sensorColour(props, sensors), weight: 2, dashArray: "6 4",
      fillOpacity: 0.08 } });
    bindSensorDetails(layer, props, sensors, ui);
    return layer;
  }

  function sensorEntries(data, sensors, ui) {
    return data.features.map(function (feature) {
      return { props: feature.properties, point: feature.geometry.type === "Point",
        layer: sensorLayer(feature, sensors, ui) };
    });
  }

  // /kaart/'s compact file (maps.map_points): point rows [lng, lat, ...fields], areas as GeoJSON.
  function pointEntries(data, sensors, ui) {
    var keys = data.fields.slice(2);
    var entries = data.points.map(function (row) {
      var props = {};
      keys.forEach(function (key, index) { props[key] = row[index + 2]; });
      return { props: props, point: true, layer: sensorMarker(row, props, sensors, ui) };
    });
    return entries.concat(sensorEntries({ features: data.areas }, sensors, ui));
  }

  function matchesFilter(props, filter) {
    if (filter.ids && filter.ids.indexOf(props.id) === -1) return false;
    if (filter.sensor_type && filter.sensor_type.indexOf(props.t) === -1) return false;
    if (filter.themes && !filter.themes.some(function (code) { return props.th.indexOf(code) !== -1; })) return false;
    return true;
  }

  function renderSensorList(list, shown, sensors) {
    if (!list) return;
    var fragment = document.createDocumentFragment();
    shown.forEach(function (entry) {
      var item = element("li");
      var link = inLanguage(element("a", null, sensorName(entry.props, sensors)), nameLang(entry.props, sensors));
      link.href = sensorLink(sensors, entry.props.id);
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + (sensors.typeLabels[entry.props.t] || entry.props.t) + ")"));
      fragment.appendChild(item);
    });
    list.replaceChildren(fragment);
  }

  // --- map layers (data/layers) ---

  function shownValue(value, ui) {
    return value === undefined || value === null || value === "" ? ui.not_filled : String(value);
  }

  function featureTitle(props, layer) {
    var first = layer.popup.length ? props[layer.popup[0][0]] : null;
    return first === undefined || first === null || first === "" ? layer.title : String(first);
  }

  function layerPopup(props, layer, ui) {
    var box = element("div", "map-popup");
    var title = featureTitle(props, layer);
    box.appendChild(inLanguage(element("p", "map-popup__title", title),
      title === layer.title ? layer.titleLang : layer.contentLang));
    box.appendChild(inLanguage(element("p", "map-popup__type", layer.title), layer.titleLang));
    var facts = element("dl", "map-popup__facts");
    layer.popup.slice(1).forEach(function (pair) {
      var value = props[pair[0]];
      var filled = !(value === undefined || value === null || value === "");
      facts.appendChild(inLanguage(element("dt", null, pair[1]), layer.contentLang));
      facts.appendChild(inLanguage(element("dd", null, shownValue(value, ui)), filled ? layer.contentLang : null));
    });
    if (facts.childNodes.length) box.appendChild(facts);
    return box;
  }

  function buildLayer(data, layer, ui) {
    var className = "map-layer map-layer--" + layer.id;
    var geo = L.geoJSON(data, {
      style: function () {
        return { color: layer.colour, weight: layer.geometry === "lines" ? 4 : 2, fillColor: layer.colour,
          fillOpacity: layer.geometry === "polygons" ? layer.fillOpacity : 0, className: className };
      },
      pointToLayer: function (feature, latlng) {
        var size = Math.max(8, Math.round((layer.radius || 6) * 2));
        return L.marker(latlng, { icon: markerIcon(layer.colour, "layer-marker layer-marker--" + layer.id, size),
          title: featureTitle(feature.properties || {}, layer), keyboard: true, riseOnHover: true });
      },
      onEachFeature: function (feature, leafletLayer) {
        var props = feature.properties || {};
        leafletLayer.bindPopup(function () { return layerPopup(props, layer, ui); });
        leafletLayer.bindTooltip(function () {
          var title = featureTitle(props, layer);
          return inLanguage(element("span", null, title), title === layer.title ? layer.titleLang : layer.contentLang);
        });
      }
    });
    if (layer.geometry === "points" && data.features.length > 200 && L.markerClusterGroup) {
      var cluster = L.markerClusterGroup(CLUSTER_OPTIONS);
      cluster.addLayers(geo.getLayers());
      return cluster;
    }
    return geo;
  }

  // One layer that loads its GeoJSON the first time it is shown.
  function LayerSwitch(map, layer, ui) {
    this.map = map;
    this.layer = layer;
    this.ui = ui;
    this.leafletLayer = null;
    this.loading = null;
    this.count = 0;
  }

  LayerSwitch.prototype.load = function () {
    var self = this;
    if (!self.loading) {
      self.loading = loadJson(self.layer.url).then(function (data) {
        self.leafletLayer = buildLayer(data, self.layer, self.ui);
        self.count = data.features.length;
        return self;
      });
    }
    return self.loading;
  };

  LayerSwitch.prototype.show = function (visible) {
    var self = this;
    self.wanted = visible;
    if (!visible) {
      if (self.leafletLayer) self.map.removeLayer(self.leafletLayer);
      return Promise.resolve(self);
    }
    return self.load().then(function () {
      if (self.wanted) self.map.addLayer(self.leafletLayer);
      return self;
    });
  };

  // A live region's sentence about a layer ("{title}: {n} on the map"): the interface's words as text, the
  // layer's title in a span marked with its language when the editor gave none in the page's (titleLang),
  // so a screen reader that switches voices reads it in Dutch. Never innerHTML: titles are editors' text.
  function setLayerMessage(node, template, layer, count) {
    if (!node) return;
    var parts = template.replace("{n}", count).split("{title}");
    var nodes = [];
    parts.forEach(function (part, index) {
      if (index > 0) nodes.push(inLanguage(element("span", null, layer.title), layer.titleLang));
      if (part) nodes.push(document.createTextNode(part));
    });
    node.replaceChildren.apply(node, nodes);
  }

  // --- the maps ---

  // The place of one record, in the municipality's colour (its design tokens, on the page's root).
  function locationColour() {
    var token = getComputedStyle(document.documentElement).getPropertyValue("--basis-color-accent-1-color-default");
    return token.trim() || "#b3123b";
  }

  function showLocation(map, options) {
    var geometry = options.geometry;
    var colour = locationColour();
    if (geometry.type === "Point") {
      var c = geometry.coordinates;
      L.marker([c[1], c[0]], { icon: markerIcon(colour), title: options.label, keyboard: false }).addTo(map);
      map.setView([c[1], c[0]], 17);
    } else {
      var layer = L.geoJSON(geometry, {
        style: { color: colour, weight: 2, dashArray: "6 4", fillOpacity: 0.1 },
        pointToLayer: function (feature, latlng) {
          return L.marker(latlng, { icon: markerIcon(colour), keyboard: false });
        }
      });
      layer.addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    }
  }

  function checkedValues(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (input) {
      return input.checked;
    }).map(function (input) { return input.value; });
  }

  // /kaart/: every sensor with type and theme filters, plus every layer behind a checkbox.
  function showOverview(map, options) {
    var sensors = options.sensors;
    var ui = options.ui;
    var form = document.getElementById("kaart-filters");
    var status = document.getElementById("kaart-status");
    var list = document.getElementById("kaart-lijst");
    var listBox = document.getElementById("kaart-lijst-box");
    var layerForm = document.getElementById("kaart-lagen");
    var layerStatus = document.getElementById("kaart-lagen-status");
    var cluster = L.markerClusterGroup(CLUSTER_OPTIONS);
    var areas = L.featureGroup();
    var entries = [];
    var switches = {};
    map.addLayer(areas);
    map.addLayer(cluster);
    if (form) form.hidden = false;
    if (layerForm) layerForm.hidden = false;

    function sensorsOn() {
      var box = layerForm && layerForm.querySelector("input[value='sensoren']");
      return !box || box.checked;
    }

    // The form is read once per render, not once per sensor (10,000 queries took 50 ms).
    function currentFilter() {
      if (!sensorsOn()) return function () { return false; };
      if (!form) return function () { return true; };
      var theme = form.elements.thema.value;
      var types = checkedValues(form, "type");
      return function (props) {
        return types.indexOf(props.t) !== -1 && (!theme || props.th.indexOf(theme) !== -1);
      };
    }

    function render() {
      var points = [];
      var shown = [];
      var matches = currentFilter();
      cluster.clearLayers();
      areas.clearLayers();
      entries.forEach(function (entry) {
        if (!matches(entry.props)) return;
        shown.push(entry);
        if (entry.point) points.push(entry.layer); else areas.addLayer(entry.layer);
      });
      cluster.addLayers(points);
      setText(status, ui.count.replace("{n}", shown.length));
      if (!listBox || listBox.open) renderSensorList(list, shown, sensors);
    }

    function switchLayer(input) {
      var layerSwitch = switches[input.value];
      if (!layerSwitch) return;
      layerSwitch.show(input.checked).then(function () {
        var template = input.checked ? options.layerUi.layer_on : options.layerUi.layer_off;
        setLayerMessage(layerStatus, template, layerSwitch.layer, layerSwitch.count);
      }).catch(function () {
        setLayerMessage(layerStatus, options.layerUi.layer_error, layerSwitch.layer, 0);
      });
    }

    options.layers.forEach(function (layer) { switches[layer.id] = new LayerSwitch(map, layer, options.layerUi); });
    loadJson(sensors.pointsUrl).then(function (data) {
      entries = pointEntries(data, sensors, ui);
      render();
    }).catch(function () {
      setText(status, ui.load_error);
    });

    if (form) {
      form.addEventListener("change", render);
      form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
    }
    if (layerForm) {
      layerForm.addEventListener("change", function (event) {
        if (event.target.value === "sensoren") render(); else switchLayer(event.target);
      });
      layerForm.addEventListener("submit", function (event) { event.preventDefault(); });
      Array.prototype.forEach.call(layerForm.querySelectorAll("input[name='laag']:checked"), switchLayer);
    }
    if (listBox) listBox.addEventListener("toggle", render);
  }

  // A map of some layers and (filtered) sensors: layer pages and stories.
  function showEmbed(map, options, elementId) {
    var ui = options.ui;
    var status = document.getElementById(elementId + "-status");
    var bounds = L.latLngBounds([]);
    var loads = options.layers.map(function (layer) {
      return new LayerSwitch(map, layer, options.layerUi).show(true).then(function (layerSwitch) {
        if (layerSwitch.leafletLayer.getBounds) bounds.extend(layerSwitch.leafletLayer.getBounds());
      }).catch(function () {
        setLayerMessage(status, options.layerUi.layer_error, layer, 0);
      });
    });
    if (options.sensors) {
      var sensors = options.sensors;
      loads.push(loadJson(sensors.url).then(function (data) {
        var shown = sensorEntries(data, sensors, ui).filter(function (entry) {
          return matchesFilter(entry.props, sensors.filter);
        });
        var group = L.featureGroup(shown.map(function (entry) { return entry.layer; })).addTo(map);
        if (shown.length) bounds.extend(group.getBounds());
        renderSensorList(document.getElementById(elementId + "-lijst"), shown, sensors);
      }).catch(function () {
        setText(status, ui.load_error);
      }));
    }
    Promise.all(loads).then(function () {
      if (options.view) map.setView(options.view.center, options.view.zoom);
      else if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    });
  }

  function start(map, elementId) {
    var block = document.getElementById(elementId + "-data");
    var options = JSON.parse(block.textContent);
    if (options.attributionLang && map.attributionControl) map.attributionControl.getContainer().lang = options.attributionLang;
    if (options.kind === "location") showLocation(map, options);
    else if (options.kind === "overview") showOverview(map, options);
    else showEmbed(map, options, elementId);
  }

  return { start: start };
})();
