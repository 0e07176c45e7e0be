# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Site records: every editor file read once into validated records, and the links between them.

The one owner of what the site knows. `load(settings)` reads every record kind registered in
`RECORD_KINDS` (see `kinds`: the sensor register, map layers, measurement datasets and Stadspanel
documents in the demo; each kind's reader validates its own files), then builds and checks the
links the kinds declare once: a sensor's `related_advice` and a document's `sensors` become one
two-way link. A kind may then finish with the others' records (an area sensor gets its
neighbourhood polygons from the layers); stories add their links when their embeds have been
read (`link_stories`). It names no kind itself.
`make check` and every generator of a build share the same `SiteRecords`
(loaded once per settings object). A further language's pass (language_versions) reads nothing
again: `share` hands it the first pass's records in its language (`in_language`). Records carry
their `url` from settings, as Pelican's own content objects do.

Not a Pelican plugin itself: the plugins that publish records call `records_for(settings)`.
"""

import dataclasses
import sys
from dataclasses import dataclass
from functools import cached_property

from editor_files.memo import build_cache, using
from editor_files.messages import msg
from editor_files.problems import ContentError

from .kinds import Link, RecordKind, registered
from .settings import SiteSettings

__all__ = ["SiteRecords", "SiteSettings", "StoryLink", "Links", "Link", "RecordKind", "load", "loaded", "records_for",
           "share"]

KEEP_LOADED = 2  # builds whose records the build cache keeps (by settings object)


class Links:
    """Links between records, declared by their kinds (`kinds.Link`) and known both ways once built."""

    def __init__(self):
        self.named = {}  # (attribute, id) -> {other attribute: [ids]}, in the order they were stated
        self.stories_by_record = {}  # (kind, id) -> [story], kind: sensor/dossier/layer

    def add(self, kind, record_id, other, other_id):
        """One link stated on either side counts both ways, once."""
        mine = self.named.setdefault((kind, record_id), {}).setdefault(other, [])
        if other_id not in mine:
            mine.append(other_id)
            self.named.setdefault((other, other_id), {}).setdefault(kind, []).append(record_id)

    def of(self, kind, record_id, other):
        """The ids of `other`'s records linked to this one."""
        return self.named.get((kind, record_id), {}).get(other, [])

    def without_stories(self):
        """The same links between records (never changed once built), with stories of its own to link."""
        links = Links()
        links.named = self.named
        return links


@dataclass(frozen=True)
class StoryLink:
    """What a record's page needs to link a story that draws on it."""

    title: str
    url: str
    summary: str


class SiteRecords:
    """Every record kind's records, by the attribute their kind declares (records.register, records.panel...)."""

    def __init__(self, settings, by_kind, links):
        self.settings, self.by_kind, self.links = settings, dict(by_kind), links

    def __getattr__(self, name):
        by_kind = self.__dict__.get("by_kind", {})
        if name in by_kind:
            return by_kind[name]
        raise AttributeError(name)

    def layer(self, layer_id):
        return next((layer for layer in self.layers if layer.id == layer_id), None)

    def stories_of(self, kind, record_id):
        """The stories that embed this sensor, dossier or layer (kind: "sensor", "dossier", "layer")."""
        return list(self.links.stories_by_record.get((kind, record_id), ()))

    def link_stories(self, stories):
        """stories: [(StoryLink, {"sensor": ids, "dossier": ids, "layer": ids})], from the stories' embeds."""
        self.links.stories_by_record.clear()
        for story, named in stories:
            for kind, ids in named.items():
                for record_id in dict.fromkeys(ids):
                    self.links.stories_by_record.setdefault((kind, record_id), []).append(story)

    def dossiers_of(self, sensor):
        return [self.panel.dossier(i) for i in self.links.of("register", sensor.sensor_id, "panel")]

    def sensors_of(self, dossier):
        """The dossier's sensors in register order (looked up by id: a scan per dossier is quadratic)."""
        order = self._sensor_order
        ids = sorted(self.links.of("panel", dossier.id, "register"), key=order.__getitem__)
        return [self.register.sensors[order[i]] for i in ids]

    @cached_property
    def _sensor_order(self):
        return {s.sensor_id: index for index, s in enumerate(self.register.sensors)}


def link_records(kinds, by_kind):
    """(Links, problems): every link each kind declares, its ids checked against the kind it names.

    A link to a kind that could not be read is not checked: that kind's own problems say why.
    """
    links, problems = Links(), []
    for kind in kinds:
        records = by_kind.get(kind.attribute)
        for link in kind.links if records is not None else ():
            targets = by_kind.get(link.target)
            if targets is None:
                continue
            target_kind = next(k for k in kinds if k.attribute == link.target)
            known = set(target_kind.ids(targets))
            for record_id, path, line, named in link.values(records):
                for value in named:
                    if value in known:
                        links.add(kind.attribute, record_id, link.target, value)
                    else:
                        problems.append(link.unknown(path, line, value, known))
    return links, problems


def load(settings):
    """(SiteRecords or None, problems) for a Pelican settings dict, read now (see `loaded`).

    Every kind of RECORD_KINDS reads its files (after the kinds it reads), then the links they
    declare are built and checked once, then each kind may finish with the others' records.
    """
    with using(build_cache(settings)):  # readers keep what they made in the build's cache
        return _load(settings)


def _load(settings):
    kinds = registered(settings)
    try:
        site = SiteSettings.from_pelican(settings, kinds)
    except ContentError as error:
        return None, error.problems
    by_kind, problems, seen = {}, [], set()
    for kind in kinds:
        records, found = kind.load(site, dict(by_kind))
        new = [p for p in found if p not in seen]  # two kinds reading one file name its problem once
        seen.update(new)
        problems += new
        by_kind[kind.attribute] = records
    if any(by_kind[k.attribute] is None for k in kinds if k.required):
        return None, problems
    links, link_problems = link_records(kinds, by_kind)
    problems += link_problems
    if problems:
        return None, problems
    for kind in kinds:
        if kind.finish is not None:
            by_kind[kind.attribute] = kind.finish(by_kind[kind.attribute], by_kind)
    return SiteRecords(site, by_kind, links), []


def loaded(settings):
    """(SiteRecords or None, problems), read once per settings object.

    `make check` and the build share one settings object in `make html` (site_build): the check's
    reading is the build's. A long-running preview builds with new settings each time: only the
    last few are kept.
    """
    return build_cache(settings).of_build(settings, "records", lambda: load(settings), KEEP_LOADED)


def share(settings, other):
    """Let the build of `other` (the settings of another language's pass) have the records of `settings`
    (the first pass's), instead of reading every file again: the same records, each kind's `in_language`
    for what is in the pages' language. Records depend on the settings only through `SiteSettings`: when
    `other`'s differ from the first's in more than the language, `other` reads its own."""
    def shared():
        records, problems = loaded(settings)
        if records is None:
            return records, problems
        kinds = registered(other)
        try:
            site = SiteSettings.from_pelican(other, kinds)
        except ContentError as error:
            return None, error.problems
        if dataclasses.replace(records.settings, language=site.language) != site:
            return load(other)
        return in_language(records, kinds, site), []

    build_cache(other).of_build(other, "records", shared, KEEP_LOADED)


def in_language(records, kinds, site):
    """`records` for pages in `site.language` (see RecordKind.in_language)."""
    by_kind = dict(records.by_kind)
    for kind in kinds:
        if kind.in_language is not None and by_kind.get(kind.attribute) is not None:
            by_kind[kind.attribute] = kind.in_language(by_kind[kind.attribute], site)
    return SiteRecords(site, by_kind, records.links.without_stories())


def records_for(settings):
    """The build's records, read once per settings object; stops the build listing every problem."""
    records, problems = loaded(settings)
    if problems:
        print("\n".join(str(p) for p in problems), file=sys.stderr, flush=True)
        raise ContentError(problems, msg("The content"))
    return records
