"""The code lists in data/vocabularies.yml: codes, Dutch labels and accepted aliases."""

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .records import Problem

CODE_LISTS = (
    "status", "sensor_type", "themes", "owner_type", "yes_no", "location_type", "legal_basis",
    "personal_data_level", "technology", "purpose_category", "area",
)  # fmt: skip


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
        close = difflib.get_close_matches(_normalise(value), list(self._lookup), n=1, cutoff=0.6)
        return self._lookup[close[0]] if close else None

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


def load_vocabularies(path):
    """Read the vocabularies file; returns (Vocabularies or None, problems)."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(str(path), 1, "file", "is missing", "it holds the code lists of the register")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return None, [Problem(str(path), line, "file", "is not valid YAML", str(error).splitlines()[0])]
    problems = []
    lists = {}
    for name in CODE_LISTS:
        entries = (raw or {}).get(name)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(str(path), 1, name, "code list is missing or empty"))
            continue
        terms = []
        for code, spec in entries.items():
            spec = spec or {}
            bbox = tuple(float(v) for v in spec["bbox"]) if spec.get("bbox") else None
            terms.append(Term(str(code), str(spec.get("label") or code),
                              tuple(str(a) for a in spec.get("aliases") or ()), bbox))  # fmt: skip
        lists[name] = CodeList(name, terms)
    return (None if problems else Vocabularies(lists)), problems
