"""The code lists in data/vocabularies.yml: codes, Dutch labels and accepted aliases."""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from editor_files.memo import file_key, store
from editor_files.problems import Problem, closest, editor_path
from editor_files.sources import read_text
from editor_files.yaml_text import load_yaml

from .schema import SENSOR

# Every code list a column draws from, in the schema's order: a new code column brings its own.
CODE_LISTS = tuple(dict.fromkeys(f.vocabulary for f in SENSOR if f.vocabulary))


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None


class CodeList:
    def __init__(self, name, terms):
        self.name = name
        self.terms = {term.code: term for term in terms}
        self._lookup = {}
        for term in terms:
            for spelling in (term.code, term.label, *term.aliases):
                self._lookup.setdefault(_normalise(spelling), term.code)

    def resolve(self, value):
        """The code for a code, label or alias (case-insensitive), or None."""
        return self._lookup.get(_normalise(value))

    def suggestion(self, value):
        spelling = closest(_normalise(value), self._lookup)
        return self._lookup[spelling] if spelling else None

    def label(self, code):
        term = self.terms.get(code)
        return term.label if term else code

    def __iter__(self):
        return iter(self.terms.values())


class Vocabularies:
    def __init__(self, lists):
        self.lists = lists

    def __getitem__(self, name):
        return self.lists[name]

    def label(self, list_name, code):
        return self.lists[list_name].label(code)

    def labels(self):
        """{list name: {code: label}} for templates and exports."""
        return {name: {t.code: t.label for t in code_list} for name, code_list in self.lists.items()}


def _normalise(text):
    return " ".join(str(text).strip().lower().replace("_", " ").split())


READ_KEEP = 8  # a preview rebuild reads this again only when its bytes change


def load_vocabularies(path, root="."):
    """See `_load_vocabularies`; kept by the file's bytes."""
    key = file_key(path, str(Path(root).absolute()))
    return store("vocabularies", READ_KEEP).get(key, partial(_load_vocabularies, path, root))


def _load_vocabularies(path, root="."):
    """Read the vocabularies file; returns (Vocabularies or None, problems)."""
    path, shown = Path(path), editor_path(path, root)
    if not path.exists() and not path.is_symlink():
        return None, [Problem(shown, 1, "file", "is missing", "it holds the code lists of the register")]
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    document, problems = load_yaml(text, shown, what="file")
    if document is None:
        return None, problems
    raw = document.data if isinstance(document.data, dict) else {}
    lists = {}
    for name in CODE_LISTS:
        entries = (raw or {}).get(name)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(shown, document.line(name), name, "code list is missing or empty"))
            continue
        terms = []
        for code, spec in entries.items():
            spec = spec or {}
            if not isinstance(spec, dict):
                problems.append(Problem(shown, document.line(name, code), f"{name}.{code}", "must be a set of "
                                        "'key: value' lines", "e.g. label: Camera"))  # fmt: skip
                continue
            try:
                bbox = tuple(float(v) for v in spec["bbox"]) if spec.get("bbox") else None
            except (TypeError, ValueError):
                problems.append(Problem(shown, document.line(name, code, "bbox"), f"{name}.{code}.bbox",
                                        "must be four numbers", "south, west, north, east"))  # fmt: skip
                continue
            terms.append(Term(str(code), str(spec.get("label") or code),
                              tuple(str(a) for a in spec.get("aliases") or ()), bbox))  # fmt: skip
        lists[name] = CodeList(name, terms)
    return (None if problems else Vocabularies(lists)), problems
