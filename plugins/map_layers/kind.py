"""The thematic map layers as a record kind (see site_records.kinds): data/layers/lagen.yml and its files."""

from sensor_register.vocabulary import load_vocabularies
from site_records.kinds import RecordKind

from .reader import load_layers


def load(site, before):
    """The layers, with the register's theme labels (or the code lists' own, when the register failed)."""
    register = before.get("register")
    vocabularies = register.vocabularies if register else load_vocabularies(site.data_path / "vocabularies.yml")[0]
    themes = {t.code: t.label for t in vocabularies["themes"]} if vocabularies else None
    layers, problems = load_layers(site.data_path, site.bbox, site.root, themes)
    return tuple(layers), problems


RECORD_KIND = RecordKind(name="layer", attribute="layers", load=load, after=("register",),
                         ids=lambda layers: (layer.id for layer in layers))  # fmt: skip
