# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Every embed of every story compared with the data it names: layers, sensors, datasets, dossiers."""

import re
from dataclasses import dataclass

from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean
from editor_files.sources import read_text

from .embeds import find_embed_lines, id_matches, parse_embed

HEADER_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_ -]*):\s*(.*)$")


@dataclass
class Sources:
    """What embeds may name. None means "not known" (that reader has problems of its own): not checked."""

    register: object = None  # SensorRegister
    catalogue: object = None  # measurements Catalogue
    dossiers: dict | None = None  # id -> title
    layers: dict | None = None  # id -> title
    bbox: dict | None = None
    themes: dict | None = None  # code -> label, for a story's Themes


def markdown_files(folder):
    """The Markdown files of a folder, `.md` in any case (Pelican reads `.MD` too, so its embeds are checked)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and p.is_file() and not p.is_symlink())


def check_story(path, shown, sources):
    """Problems of one story file: its Themes line and every embed.

    A file that cannot be read as text is named by content_check's page reader; nothing to add here.
    """
    text, unreadable = read_text(path, shown)
    if unreadable:
        return []
    problems = check_themes(text, shown, sources)
    embed_lines, misplaced = find_embed_lines(text)
    for number, _line in misplaced:
        problems.append(Problem(shown, number, "embed", msg("is not on a line of its own"),
                                msg("put [[...]] on its own line, with an empty line before and after")))  # fmt: skip
    for number, line in embed_lines:
        embed, found = parse_embed(line, number)
        if embed is not None:
            found = check_embed(embed, sources)
        problems.extend(Problem(shown, number, field, message, hint) for field, message, hint in found)
    return problems


def check_themes(text, shown, sources):
    if sources.themes is None:
        return []
    for number, line in enumerate(text.split("\n"), start=1):
        match = HEADER_LINE.match(line)
        if not match:
            return []
        if match.group(1).strip().lower() == "themes":
            codes = [code.strip() for code in match.group(2).split(",") if code.strip()]
            return [Problem(shown, number, "themes", msg("'{code}' is not a theme", code=code),
                            did_you_mean(code, sources.themes))
                    for code in codes if code not in sources.themes]  # fmt: skip
    return []


def check_embed(embed, sources):
    """[(field, message, hint)] for values that name nothing in the data."""
    check = {"kaart": _check_map, "kerncijfer": _check_key_figure, "grafiek": _check_chart, "kaarten": _check_cards}
    return check[embed.kind](embed, sources)


def _check_map(embed, sources):
    problems = _unknown_layers(embed, sources) + _check_selector(embed.options.get("sensoren", ""), sources)
    if "midden" in embed.options and sources.bbox:
        latitude, longitude = (float(part) for part in embed.options["midden"].split(","))
        box = sources.bbox
        if not (box["south"] <= latitude <= box["north"] and box["west"] <= longitude <= box["east"]):
            problems.append(("midden",
                             msg("{latitude}, {longitude} is outside the municipality", latitude=latitude,
                                 longitude=longitude),
                             msg("latitude first, then longitude, e.g. midden=52.2249,5.1731")))  # fmt: skip
    return problems


def _check_selector(value, sources):
    if not value or value == "alle" or sources.register is None:
        return []
    prefix, colon, code = value.partition(":")
    if colon:
        list_name = "sensor_type" if prefix == "type" else "themes"
        codes = sources.register.vocabularies[list_name].terms
        if code not in codes:
            return [("sensoren",
                     msg("'{code}' is not a sensor type",
                         code=code) if prefix == "type" else msg("'{code}' is not a theme", code=code),
                     did_you_mean(code, codes))]  # fmt: skip
        return []
    return _unknown_sensors(value.split(","), sources)


def _unknown_sensors(ids, sources):
    if sources.register is None:
        return []
    known = {s.sensor_id for s in sources.register.sensors}
    return [("sensoren", msg("'{pattern}' is not a sensor in the register", pattern=pattern),
             did_you_mean(pattern, known, False))
            for pattern in ids if not any(id_matches(pattern, sensor_id) for sensor_id in known)]  # fmt: skip


def _unknown_layers(embed, sources):
    if sources.layers is None:
        return []
    return [("lagen", msg("'{layer}' is not a map layer", layer=layer), did_you_mean(layer, sources.layers))
            for layer in embed.values("lagen") if layer not in sources.layers]  # fmt: skip


def _dataset(embed, sources):
    """(Dataset or None, problems)."""
    if sources.catalogue is None:
        return None, []
    dataset_id = embed.options.get("dataset", "")
    dataset = sources.catalogue.datasets.get(dataset_id)
    if dataset is None:
        return None, [("dataset",
                       msg("'{dataset_id}' is not a dataset in data/metingen/datasets.yml", dataset_id=dataset_id),
                       did_you_mean(dataset_id, sources.catalogue.datasets))]  # fmt: skip
    return dataset, []


def _number_column(dataset, name, field):
    column = dataset.columns.get(name)
    if column is None:
        return [(field, msg("'{name}' is not a column of {id}", name=name, id=dataset.id),
                 did_you_mean(name, dataset.columns))]
    if not column.numeric:
        numbers = [c.name for c in dataset.numeric_columns]
        return [(field, msg("'{name}' holds no numbers", name=name),
                 msg("columns with numbers: {numbers}", numbers=", ".join(numbers)))]
    return []


def _check_filter(dataset, value):
    if not value:
        return []
    name, _colon, wanted = value.partition(":")
    column = dataset.columns.get(name)
    texts = [c.name for c in dataset.columns.values() if c.type == "text"]
    if column is None or column.type != "text":
        hint = msg("text columns: {texts}",
                   texts=", ".join(texts)) if texts else msg("{id} has no column to filter on", id=dataset.id)
        return [("filter", msg("'{name}' is not a text column of {id}", name=name, id=dataset.id), hint)]
    values = set(dataset.frame[name])
    if wanted not in values:
        return [("filter", msg("no row of {id} has {name} '{wanted}'", id=dataset.id, name=name, wanted=wanted),
                 did_you_mean(wanted, values))]
    return []


def _check_key_figure(embed, sources):
    dataset, problems = _dataset(embed, sources)
    if dataset is None:
        return problems
    problems = _number_column(dataset, embed.options["kolom"], "kolom")
    return problems + _check_filter(dataset, embed.options.get("filter"))


def _check_chart(embed, sources):
    dataset, problems = _dataset(embed, sources)
    if dataset is None:
        return problems
    names = embed.values("kolommen") or tuple(c.name for c in dataset.numeric_columns)
    for name in names:
        problems.extend(_number_column(dataset, name, "kolommen"))
    if len(set(names)) != len(names):
        problems.append(("kolommen", msg("names a column twice"), msg("name each column once")))
    if not problems:
        units = {dataset.columns[name].unit for name in names}
        if len(units) > 1:
            problems.append(("kolommen", msg("mixes units ({units}) in one chart", units=", ".join(sorted(units))),
                             msg("choose columns of one unit with kolommen=...")))  # fmt: skip
    return problems + _check_filter(dataset, embed.options.get("filter"))


def _check_cards(embed, sources):
    problems = _unknown_sensors(embed.values("sensoren"), sources) + _unknown_layers(embed, sources)
    if sources.dossiers is not None:
        problems += [("dossiers", msg("'{d}' is not a Stadspanel dossier", d=d), did_you_mean(d, sources.dossiers))
                     for d in embed.values("dossiers") if d not in sources.dossiers]  # fmt: skip
    if sources.catalogue is not None:
        problems += [("datasets", msg("'{d}' is not a dataset", d=d), did_you_mean(d, sources.catalogue.datasets))
                     for d in embed.values("datasets") if d not in sources.catalogue.datasets]  # fmt: skip
    return problems
