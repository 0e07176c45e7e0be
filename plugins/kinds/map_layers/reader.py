# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading data/layers/: the manifest lagen.yml and each layer's GeoJSON or CSV file.

Every problem of every layer is collected, so an editor sees them all at once. YAML is read only
through `editor_files.yaml_text.load_yaml` (no aliases, tags or duplicate keys).
"""

import contextlib
import csv
import gc
import io
import json
import math
import re
from functools import partial
from pathlib import Path

from editor_files.csv_text import data_rows, sniff_delimiter
from editor_files.fields import MAX_NUMBER_CHARS, Issue, text_issue
from editor_files.memo import folder_key, store
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.schema import Field
from editor_files.sources import decode, read_text
from editor_files.yaml_text import load_yaml
from sensor_register.validation import rd_to_wgs84

from .records import DATA_SUFFIXES, GEOMETRY_KINDS, LAYER_SCHEMA, MANIFEST, STYLE_SCHEMA, Layer, LayerStyle
from .validation import geometry_problem, position_problem

LAYER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
COORDINATES = {name: Field(name, "number", example=example) for name, example in
               (("latitude", "52.2231"), ("longitude", "5.1763"), ("x_rd", "140000"), ("y_rd", "470000"))}  # fmt: skip
COORDINATE_COLUMNS = set(COORDINATES)


READ_KEEP = 8  # a preview rebuild reads this again only when a file of data/layers/ changes


def load_layers(data_path, bbox, root, themes=None):
    """See `_load_layers`; kept by every file of the folder."""
    key = folder_key(Path(data_path) / "layers", bbox, str(Path(root).absolute()), themes)
    return store("layers", READ_KEEP).get(key, partial(_load_layers, data_path, bbox, root, themes))


def _load_layers(data_path, bbox, root, themes=None):
    """(layers, problems) for data_path/layers; themes: {code: label} to check `theme` against."""
    folder = Path(data_path) / "layers"
    manifest = folder / MANIFEST
    if not folder.is_dir():
        return [], []
    shown = editor_path(manifest, root)
    if manifest.is_symlink():
        return [], [Problem(shown, 0, "file", msg("is a symbolic link"), msg("put the file itself in data/layers"))]
    if not manifest.is_file():
        if any(folder.iterdir()):
            return [], [Problem(shown, 0, "file", msg("is missing"),
                                msg("it lists every file in data/layers (see README)"))]
        return [], []
    text, problems = read_text(manifest, shown)
    if problems:
        return [], problems
    document, problems = load_yaml(text, shown, what="manifest")
    if document is None:
        return [], problems
    entries = _layer_entries(document, shown, problems)
    reader = ManifestReader(document, shown, folder, root, bbox, themes)
    layers = [layer for index, entry in enumerate(entries) if (layer := reader.layer(index, entry))]
    problems.extend(reader.problems)
    problems.extend(_unlisted_files(folder, reader.files_used, root))
    return layers, problems


def _layer_entries(document, shown, problems):
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("layers"), list):
        problems.append(Problem(shown, document.line(), "layers", msg("the manifest needs a list 'layers:'"),
                                msg("see the example in the README")))  # fmt: skip
        return []
    for key in data:
        if key != "layers":
            problems.append(Problem(shown, document.line(key), str(key), msg("is not a key of the manifest"),
                                    did_you_mean(key, ["layers"])))  # fmt: skip
    return data["layers"]


def _unlisted_files(folder, used, root):
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST and path.name not in used and not path.name.startswith("."):
            problems.append(Problem(editor_path(path, root), 0, "file",
                                    msg("is not listed in {manifest}", manifest=MANIFEST),
                                    msg("add a layer for it to {manifest}, or remove the file",
                                        manifest=MANIFEST)))  # fmt: skip
    return problems


class ManifestReader:
    """Turns manifest entries into Layer records; collects every problem instead of stopping."""

    def __init__(self, document, shown, folder, root, bbox, themes):
        self.document, self.shown, self.folder, self.root = document, shown, folder, root
        self.bbox, self.themes = bbox, themes
        self.problems = []
        self.seen_ids = {}
        self.files_used = set()

    def report(self, key_path, field, message, hint=""):
        self.problems.append(Problem(self.shown, self.document.line("layers", *key_path), field, message, hint))

    def layer(self, index, entry):
        before = len(self.problems)
        if not isinstance(entry, dict):
            self.report((index,), "layers", msg("each layer must be a set of 'key: value' lines"),
                        msg("start each layer with '- id: ...'"))  # fmt: skip
            return None
        values = self.known_values(index, entry)
        layer_id = self.layer_id(index, values.get("id", ""))
        fields = {
            "id": layer_id,
            "date": self.date(index, values.get("date", "")),
            "source_url": self.url(index, values.get("source_url", "")),
            "geometry": self.choice(index, "geometry", values.get("geometry", ""), GEOMETRY_KINDS),
            "theme": self.choice(index, "theme", values.get("theme", ""), self.themes) if self.themes is not None
            else values.get("theme", ""),
            "example_data": self.yes_no(index, entry.get("example_data")),
        }  # fmt: skip
        for name in ("title", "description", "source", "licence", "area_code_field", "title_en", "description_en"):
            fields[name] = values.get(name, "")
        style = self.style(index, entry.get("style"), fields["geometry"])
        popup = self.popup(index, entry.get("popup"))
        features, names = self.data_file(index, values.get("file", ""), fields["geometry"])
        self.check_properties(index, popup, fields["area_code_field"], names)
        if len(self.problems) > before:
            return None
        theme_label = (self.themes or {}).get(fields["theme"], fields["theme"])
        return Layer(**fields, file=values["file"], style=style, popup=popup, fields=names,
                     features=tuple(features), theme_label=theme_label,
                     source_path=editor_path(self.folder / values["file"], self.root),
                     declared_at=f"{self.shown}:{self.document.line('layers', index, 'id')}")  # fmt: skip

    # --- the manifest's own fields ---

    def known_values(self, index, entry):
        """Plain text values of the known keys; unknown and missing keys reported."""
        values = {}
        for key, value in entry.items():
            if key not in LAYER_SCHEMA:
                self.report((index, key), str(key), msg("is not a key of a layer"),
                            did_you_mean(key, LAYER_SCHEMA.names))
                continue
            if LAYER_SCHEMA[key].stored and key != "example_data":
                if isinstance(value, (dict, list)):
                    self.report((index, key), key, msg("must be a single value"),
                                msg("e.g. {key}: {example}", key=key, example=LAYER_SCHEMA[key].example))
                    continue
                values[key] = "" if value is None else str(value).strip()
                issue = text_issue(values[key], lines=LAYER_SCHEMA[key].kind == "text")
                if issue:
                    self.report((index, key), key, issue.message, issue.hint)
                    values[key] = ""
        for name in LAYER_SCHEMA.required:
            if not values.get(name) and name not in entry:
                example = LAYER_SCHEMA[name].example
                self.report((index,), name, msg("is missing"),
                            msg("add '{name}: {value}'", name=name, value=example or '...'))
            elif LAYER_SCHEMA[name].stored and name in values and not values[name]:
                self.report((index, name), name, msg("is empty"), msg("this value is required"))
        return values

    def layer_id(self, index, value):
        if not value:
            return ""
        if not LAYER_ID.match(value):
            self.report((index, "id"), "id", msg("'{value}' cannot be used in a web address", value=value),
                        msg("use lower-case letters, digits and -, e.g. beschermde-bomen"))  # fmt: skip
            return value
        line = self.document.line("layers", index, "id")
        if value in self.seen_ids:
            self.report((index, "id"), "id", msg("'{value}' is used twice", value=value),
                        msg("also on line {line}; every layer needs its own id",
                            line=self.seen_ids[value]))  # fmt: skip
        else:
            self.seen_ids[value] = line
        return value

    def by_kind(self, index, name, value):
        """A manifest value read by its field's kind (editor_files.fields)."""
        result, issues = LAYER_SCHEMA[name].from_yaml(value)
        for issue in issues:
            self.report((index, name), name, issue.message, issue.hint)
        return result

    def date(self, index, value):
        return self.by_kind(index, "date", value)

    def url(self, index, value):
        return self.by_kind(index, "source_url", value)

    def choice(self, index, field, value, choices):
        if value and value not in choices:
            self.report((index, field), field, msg("'{value}' is not allowed", value=value),
                        did_you_mean(value, list(choices)))
            return ""
        return value

    def yes_no(self, index, value):
        return bool(self.by_kind(index, "example_data", value))  # left out: not example data

    def style(self, index, value, kind):
        if value is None:
            return None  # reported as missing
        if not isinstance(value, dict):
            self.report((index, "style"), "style", msg("must be a set of 'key: value' lines"),
                        msg("e.g. style: {example}", example=LAYER_SCHEMA['style'].example))  # fmt: skip
            return None
        for key in value:
            if key not in STYLE_SCHEMA:
                self.report((index, "style", key), f"style.{key}", msg("is not a style key"),
                            did_you_mean(key, STYLE_SCHEMA.names))  # fmt: skip
        colour = str(value.get("colour") or "")
        if not COLOUR.match(colour):
            self.report((index, "style", "colour") if "colour" in value else (index, "style"), "style.colour",
                        msg("'{colour}' is not a colour", colour=colour) if colour else msg("is missing"),
                        msg("write a hex colour in quotes, e.g. colour: '#1565c0'"))  # fmt: skip
        radius = self.style_number(index, value, "radius", 2, 20, required=kind == "points")
        opacity = self.style_number(index, value, "fill_opacity", 0, 1, required=kind == "polygons")
        return LayerStyle(colour, radius, opacity)

    def style_number(self, index, style, key, low, high, required):
        value = style.get(key)
        if value is None:
            if required:
                example = STYLE_SCHEMA[key].example
                self.report((index, "style"), f"style.{key}",
                            msg("is missing; this kind of layer needs it"),
                            msg("add '{key}: {example}'", key=key, example=example))  # fmt: skip
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            self.report((index, "style", key), f"style.{key}",
                        msg("'{value}' is not a number from {low} to {high}", value=value, low=low, high=high),
                        msg("e.g. {example}", example=STYLE_SCHEMA[key].example))  # fmt: skip
            return None
        return float(value)

    def popup(self, index, value):
        if value is None:
            return ()
        if not isinstance(value, dict) or not value:
            self.report((index, "popup"), "popup", msg("must list property names with their labels"),
                        msg("e.g. popup: {{straat: Straat, aantal: Aantal laadpunten}}"))  # fmt: skip
            return ()
        pairs = []
        for name, label in value.items():
            if not isinstance(label, (str, int, float)) or isinstance(label, bool) or not str(label).strip():
                self.report((index, "popup", name), f"popup.{name}", msg("needs a label"),
                            msg("e.g. {name}: Naam", name=name))
                continue
            pairs.append((str(name), str(label).strip()))
        return tuple(pairs)

    def check_properties(self, index, popup, area_code_field, names):
        if names is None:
            return  # the data file could not be read: that problem says it all
        for name, _label in popup:
            if name not in names:
                self.report((index, "popup", name), f"popup.{name}", msg("is not a property of any feature"),
                            did_you_mean(name, names) or msg("the file has no properties"))  # fmt: skip
        if area_code_field and area_code_field not in names:
            self.report((index, "area_code_field"), "area_code_field",
                        msg("'{area_code_field}' is not a property", area_code_field=area_code_field),
                        did_you_mean(area_code_field, names))  # fmt: skip

    # --- the data file ---

    def data_file(self, index, name, kind):
        """(features, property names) or ([], None) when the file cannot be used."""
        if not name:
            return [], None
        path = self.folder / name
        if "/" in name or "\\" in name or name.startswith("."):
            self.report((index, "file"), "file", msg("'{name}' is not a file name in data/layers", name=name),
                        msg("write only the file's name; keep the file in data/layers"))  # fmt: skip
            return [], None
        self.files_used.add(name)
        if path.is_symlink():
            self.report((index, "file"), "file", msg("{name} is a symbolic link", name=name),
                        msg("put the file itself in data/layers"))
            return [], None
        if not path.is_file():
            present = [p.name for p in self.folder.iterdir() if p.name != MANIFEST]
            self.report((index, "file"), "file", msg("{name} does not exist in data/layers", name=name),
                        did_you_mean(name, present,
                                     allowed_list=False) or msg("add the file or fix its name"))  # fmt: skip
            return [], None
        if path.suffix.lower() not in DATA_SUFFIXES:
            self.report((index, "file"), "file", msg("{name} is not a GeoJSON or CSV file", name=name),
                        msg("use .geojson (WGS84) or .csv (latitude/longitude or x_rd/y_rd)"))  # fmt: skip
            return [], None
        if not kind:
            return [], None  # geometry missing or unknown: reported already
        shown = editor_path(path, self.root)
        text, decode_problems = decode(path.read_bytes(), shown)
        if text is None:
            self.problems.extend(decode_problems)
            return [], None
        if path.suffix.lower() == ".csv":
            if kind != "points":
                self.report((index, "geometry"), "geometry", msg("is {kind}, but a CSV file holds points", kind=kind),
                            msg("declare geometry: points, or give lines and polygons as GeoJSON"))  # fmt: skip
                return [], None
            features, names, problems = read_csv_points(text, shown, self.bbox)
        else:
            features, names, problems = read_geojson(text, shown, kind, self.bbox)
        self.problems.extend(problems)
        if problems:
            return features, None  # those problems say it all; popup fields are checked on a good file
        if not features:
            self.problems.append(Problem(shown, 1, "file", msg("has no features"), msg("a layer needs at least one")))
        return features, names


# --- GeoJSON ---


class _RefusedJson(ValueError):
    """A value JSON's standard does not allow, or one Python's json module would silently change."""


def _refuse_constant(name):
    raise _RefusedJson(Issue(msg("holds {name}, which is not a JSON number", name=name),
                             msg("write a number, or null when there is none")))


def _finite_float(text):
    number = float(text)
    if not math.isfinite(number):
        raise _RefusedJson(Issue(msg("holds the number {text}, which is too large", text=text[:20]),
                                 msg("write a smaller number")))
    return number


def _bounded_int(text):
    if len(text) > MAX_NUMBER_CHARS:
        raise _RefusedJson(Issue(msg("holds a number of {count} digits", count=len(text)),
                                 msg("a number has at most {max_number_chars}", max_number_chars=MAX_NUMBER_CHARS)))
    return int(text)


def _unique_keys(pairs):
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise _RefusedJson(Issue(msg("has the key '{key}' twice in one object", key=key),
                                     msg("keep one; otherwise only the last counts")))  # fmt: skip
        seen.add(key)
    return dict(pairs)


def strict_json(text):
    """json.loads that refuses NaN, Infinity, numbers that overflow and keys given twice (json keeps the last)."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int,
                      object_pairs_hook=_unique_keys)  # fmt: skip


@contextlib.contextmanager
def _cycle_collection_paused():
    """Parsed JSON holds no reference cycles, so the cyclic garbage collector's passes over the growing heap
    of parsed objects only cost time: they made a 100,000-point layer 18x slower to read than 10,000.
    Reference counting still frees everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_cycle_collection_paused()  # the parsed JSON, the features and the problems hold no cycles
def read_geojson(text, shown, kind, bbox):
    """(features, property names, problems) of a GeoJSON FeatureCollection in WGS84."""
    try:
        data = strict_json(text)
    except json.JSONDecodeError as error:
        return [], None, [Problem(shown, error.lineno, "file", msg("is not valid JSON"), error.msg)]
    except _RefusedJson as error:
        issue = error.args[0]
        return [], None, [Problem(shown, 1, "file", issue.message, issue.hint)]
    except RecursionError:
        return [], None, [Problem(shown, 1, "file", msg("is nested too deeply"),
                                  msg("a GeoJSON file has a few levels"))]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
        data.get("features"), list
    ):
        return [], None, [Problem(shown, 1, "type", msg("is not a GeoJSON FeatureCollection"),
                                  msg('the file must start {{"type": "FeatureCollection", '
                                      '"features": [...]}}'))]  # fmt: skip
    features, names, problems = [], {}, []
    line_of = _FeatureLines(text, len(data["features"]))
    for number, feature in enumerate(data["features"]):
        where = f"features[{number}]"
        message = _feature_problem(feature, kind, bbox)
        if message:
            problems.append(Problem(shown, line_of(number), where, *message))
            continue
        properties = feature.get("properties") or {}
        nested = [key for key, value in properties.items() if isinstance(value, (dict, list))]
        if nested:
            problems.append(Problem(shown, line_of(number), f"{where}.{nested[0]}", msg("holds a list or object"),
                                    msg("a property must be text, a number, true/false or null")))  # fmt: skip
            continue
        bad_text = next(((key, issue) for key, value in properties.items() if isinstance(value, str)
                         and (issue := text_issue(value) or text_issue(key))), None)  # fmt: skip
        if bad_text:
            issue = bad_text[1]
            problems.append(Problem(shown, line_of(number), f"{where}.{bad_text[0]}", issue.message, issue.hint))
            continue
        names.update(dict.fromkeys(properties))
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
    return features, tuple(names), problems


class _FeatureLines:
    """The line of a feature, found only once a problem needs one (finding them reads the text once more)."""

    def __init__(self, text, count):
        self.text, self.count, self.lines = text, count, None

    def __call__(self, number):
        if self.lines is None:
            self.lines = feature_lines(self.text, self.count) or []
        return self.lines[number] if self.lines else 0


def _feature_problem(feature, kind, bbox):
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return msg("is not a Feature"), msg('write {{"type": "Feature", "geometry": ..., "properties": {{...}}}}')
    if not isinstance(feature.get("properties"), (dict, type(None))):
        return msg("has properties that are not an object"), msg('write "properties": {{"name": "value"}}')
    return geometry_problem(feature.get("geometry"), kind, bbox)


def feature_lines(text, count):
    """The line on which each feature starts, from the text itself; None when it cannot be found."""
    decoder = json.JSONDecoder()
    match = re.search(r'"features"\s*:\s*\[', text)
    if not match:
        return None
    position, lines = match.end(), []
    counted, line = 0, 1  # lines are counted on from the last feature: linear in the file's length
    for _ in range(count):
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        line += text.count("\n", counted, position)
        counted = position
        lines.append(line)
        try:
            _value, position = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, ValueError, RecursionError):
            return None
    return lines


# --- CSV with coordinates ---


def read_csv_points(text, shown, bbox):
    """(point features, property names, problems): latitude/longitude (WGS84) or x_rd/y_rd (RD New)."""
    if not text.strip():
        return [], None, [Problem(shown, 1, "file", msg("is empty"), msg("the first line must name the columns"))]
    delimiter = sniff_delimiter(text.splitlines()[0]) or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [name.strip() for name in next(reader)]
    problems = _header_problems(header, shown)
    if problems:
        return [], None, problems
    names = tuple(name for name in header if name.lower() not in COORDINATE_COLUMNS)
    features = []
    for line, _line_end, row in data_rows(reader, shown, problems, len(header), delimiter):
        values = {name: value.strip() for name, value in zip(header, row, strict=True)}
        point, problem = _csv_point({k.lower(): v for k, v in values.items()}, shown, line, bbox)
        if problem:
            problems.append(problem)
            continue
        properties = {name: values[name] for name in names}
        bad_text = next(((name, issue) for name, value in properties.items() if (issue := text_issue(value))), None)
        if bad_text:
            problems.append(Problem(shown, line, bad_text[0], bad_text[1].message, bad_text[1].hint))
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
                         "properties": properties})  # fmt: skip
    return features, names, problems


def _header_problems(header, shown):
    problems, seen = [], set()
    for number, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(shown, 1, f"column {number}", msg("has no name"),
                                    msg("give it a name or remove it")))
        elif name.lower() in seen:
            problems.append(Problem(shown, 1, name, msg("appears twice"), msg("keep one of them")))
        seen.add(name.lower())
    if not ({"latitude", "longitude"} <= seen or {"x_rd", "y_rd"} <= seen):
        problems.append(Problem(shown, 1, "header", msg("has no coordinate columns"),
                                msg("add latitude and longitude (WGS84), or x_rd and y_rd (RD New)")))  # fmt: skip
    return problems


def _csv_point(values, shown, line, bbox):
    """([longitude, latitude], None) or (None, Problem) for one CSV row."""
    use_rd = not (values.get("latitude") or values.get("longitude")) and "x_rd" in values
    columns = ("x_rd", "y_rd") if use_rd else ("latitude", "longitude")
    numbers = []
    for column in columns:
        value = values.get(column, "")
        number, issues = COORDINATES[column].from_text(value)
        if not value or issues:
            issue = issues[0] if issues else Issue(msg("is empty"),
                                                   msg("e.g. {example}", example=COORDINATES[column].example))
            return None, Problem(shown, line, column, issue.message, issue.hint)
        numbers.append(number)
    latitude, longitude = rd_to_wgs84(*numbers) if use_rd else numbers
    outside = position_problem(latitude, longitude, bbox)
    if outside:
        hint = msg("check x_rd and y_rd (RD New, in metres)") if use_rd else outside[1]
        return None, Problem(shown, line, columns[0], outside[0], hint)
    return [round(longitude, 6), round(latitude, 6)], None
