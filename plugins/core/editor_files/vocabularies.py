# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Code lists of data/vocabularies.yml: codes, Dutch labels, accepted aliases and did-you-mean words.

Every code list of every record kind lives in that one file (the register's lists, the Stadspanel
document kinds, decisions, answer statuses and parties, the Woo grounds). A kind reads the lists it
names with `load_code_lists`; one reader checks them all the same way: a code is one line of
text, not empty and without `|` (the separator of a list in a CSV cell).
"""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .fields import Issue, text_issue
from .memo import file_key, store
from .messages import msg
from .problems import Problem, closest, editor_path
from .sources import read_text
from .yaml_text import load_yaml

# Project root: the vocabularies of a kind read without settings (tests, `load_panel` alone).
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "vocabularies.yml"


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    suggest: tuple[str, ...] = ()  # words that are not accepted, but answered with "did you mean <code>?"
    translations: tuple[tuple[str, str], ...] = ()  # (language, label) from `label_<lang>`: label_en: Camera

    def label_in(self, lang=None):
        """The label residents of `lang` read: its `label_<lang>`, else the label."""
        return next((text for code, text in self.translations if code == lang), self.label)


class CodeList:
    def __init__(self, name, terms):
        self.name = name
        self.terms = {term.code: term for term in terms}
        self._lookup, self._suggest = {}, {}
        for term in terms:
            for spelling in (term.code, term.label, *term.aliases):
                self._lookup.setdefault(_normalise(spelling), term.code)
            for spelling in term.suggest:
                self._suggest.setdefault(_normalise(spelling), term.code)

    def resolve(self, value):
        """The code for a code, label or alias (case-insensitive), or None."""
        return self._lookup.get(_normalise(value))

    def suggestion(self, value):
        if _normalise(value) in self._suggest:
            return self._suggest[_normalise(value)]
        spelling = closest(_normalise(value), self._lookup)
        return self._lookup[spelling] if spelling else None

    def label(self, code, lang=None):
        term = self.terms.get(code)
        return term.label_in(lang) if term else code

    @property
    def codes(self):
        return tuple(self.terms)

    def __contains__(self, code):
        return code in self.terms

    def __iter__(self):
        return iter(self.terms.values())


class Vocabularies:
    def __init__(self, lists):
        self.lists = lists

    def __repr__(self):
        """Its content, so that a key of what was read with these lists changes when they do (`memo`)."""
        return "Vocabularies(" + repr([(name, list(code_list)) for name, code_list in self.lists.items()]) + ")"

    def __getitem__(self, name):
        return self.lists[name]

    def get(self, name, default=None):
        return self.lists.get(name, default)

    def label(self, list_name, code, lang=None):
        """A code's label; in `lang` when the list has it (`label_en`), else the (Dutch) label."""
        return self.lists[list_name].label(code, lang)

    def labels(self):
        """{list name: {code: label}} for templates and exports."""
        return {name: {t.code: t.label for t in code_list} for name, code_list in self.lists.items()}


def _normalise(text):
    return " ".join(str(text).strip().lower().replace("_", " ").split())


THE_REGISTER = msg("the register")


def load_code_lists(path, root, names, what=THE_REGISTER):
    """(Vocabularies or None, problems) of the lists `names`; kept by the file's bytes."""
    key = file_key(path, str(Path(root).absolute()), tuple(names), what)
    # A preview rebuild reads this again only when its bytes change (the build cache's "code lists").
    return store("code lists", 16).get(key, partial(_load_code_lists, path, root, tuple(names), what))


def _load_code_lists(path, root, names, what):
    path, shown = Path(path), editor_path(path, root)
    if not path.exists() and not path.is_symlink():
        return None, [Problem(shown, 1, "file", msg("is missing"), msg("it holds the code lists of {what}", what=what))]
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    document, problems = load_yaml(text, shown, what="file")
    if document is None:
        return None, problems
    raw = document.data if isinstance(document.data, dict) else {}
    lists = {}
    for name in names:
        entries = raw.get(name)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(shown, document.line(name), name, msg("code list is missing or empty")))
            continue
        terms = [term for code, spec in entries.items() if (term := _term(name, code, spec, document, shown, problems))]
        lists[name] = CodeList(name, terms)
    return (None if problems else Vocabularies(lists)), problems


def _term(name, code, spec, document, shown, problems):
    """One code of a list, or None after its problem."""
    where, line = f"{name}.{code}", document.line(name, code)
    code = "" if code is None else str(code).strip()
    issue = text_issue(code, lines=False)
    if not code or "|" in code or issue:
        issue = issue or Issue(msg("is not a usable code"), msg("a code is a word without '|', e.g. camera"))
        problems.append(Problem(shown, line, where, issue.message, issue.hint))
        return None
    spec = spec or {}
    if not isinstance(spec, dict):
        problems.append(Problem(shown, line, where, msg("must be a set of 'key: value' lines"),
                                msg("e.g. label: Camera")))
        return None
    try:
        bbox = tuple(float(v) for v in spec["bbox"]) if spec.get("bbox") else None
        if bbox is not None and len(bbox) != 4:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(Problem(shown, document.line(name, code, "bbox"), f"{where}.bbox", msg("must be four numbers"),
                                msg("south, west, north, east")))  # fmt: skip
        return None
    words = {key: _words(spec.get(key)) for key in ("aliases", "suggest")}
    label = str(spec.get("label") or code)
    # label_en: the label on the English pages (LANGUAGES); not a spelling editors may type.
    translations = tuple((str(key)[len("label_"):], str(value)) for key, value in spec.items()
                         if str(key).startswith("label_") and value is not None)  # fmt: skip
    for text in (label, *words["aliases"], *words["suggest"], *(text for _lang, text in translations)):
        issue = text_issue(text, lines=False)
        if issue:
            problems.append(Problem(shown, line, where, issue.message, issue.hint))
            return None
    return Term(code, label, words["aliases"], bbox, words["suggest"], translations)


def _words(value):
    if value is None:
        return ()
    return tuple(str(a) for a in (value if isinstance(value, list) else [value]) if not isinstance(a, (dict, list)))
