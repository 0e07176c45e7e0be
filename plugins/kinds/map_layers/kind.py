# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The thematic map layers as a record kind (see site_records.kinds): data/layers/lagen.yml and its files."""

from editor_files.messages import msg
from editor_files.vocabularies import load_code_lists
from site_records.kinds import RecordKind

from .reader import load_layers


def load(site, _before):
    """The layers, their `theme` checked against the themes of data/vocabularies.yml (the one code list file;
    a broken list is named by the register, which reads the same file)."""
    path = site.data_path / "vocabularies.yml"
    vocabularies = load_code_lists(path, site.root, ("themes",), msg("the map layers"))[0]
    themes = {t.code: t.label for t in vocabularies["themes"]} if vocabularies else None
    layers, problems = load_layers(site.data_path, site.bbox, site.root, themes)
    return tuple(layers), problems


RECORD_KIND = RecordKind(name="layer", attribute="layers", load=load, ids=lambda layers: (layer.id for layer in layers))
