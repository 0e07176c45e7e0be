"""Reading Stadspanel documents: YAML front matter between exact `---` fences, then Markdown.

Strict on purpose: a closing fence with trailing spaces, invalid YAML, an unknown key or a
`confidential` value that is not a clear yes/no is an error, never a silently public document.
Every problem carries the file and the line of the field it is about.
"""

import datetime
import difflib
import re
from pathlib import Path

import markdown
import nh3
import yaml
from content_check import Problem

from .records import ANSWER_STATUSES, DECISIONS, KINDS, Answer, Document, Milestone, Question, Recommendation

FENCE = "---"
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
CONFIDENTIAL_VALUES = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nee": False}
COMMON_KEYS = {
    "title",
    "date",
    "kind",
    "confidential",
    "summary",
    "themes",
    "sensors",
    "attachments",
    "status",
    "dossier",
}
KIND_KEYS = {
    "request": {"questions", "advice_due", "withdrawn_on", "withdrawn_reason"},
    "advice": {"recommendations"},
    "response": {"answers"},
    "conversation_note": set(),
    "meeting_report": set(),
}
STUB_KEYS = {"kind", "date", "dossier", "confidential", "reason", "review_on", "status"}
ANSWER_KEYS = {
    "recommendation",
    "decision",
    "extent",
    "how",
    "implement_by",
    "rationale",
    "status",
    "progress",
    "milestones",
}
ALLOWED_TAGS = {
    "p",
    "a",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "hr",
    "abbr",
    "dl",
    "dt",
    "dd",
}


# Dutch words editors may type for a kind, used for the did-you-mean hint.
DUTCH_KINDS = {
    "adviesverzoek": "request",
    "verzoek": "request",
    "advies": "advice",
    "reactie": "response",
    "gespreksnotitie": "conversation_note",
    "notitie": "conversation_note",
    "verslag": "meeting_report",
}


class TextDateLoader(yaml.SafeLoader):
    """YAML without its own date conversion: dates stay text and are checked by us, with a clear message."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Problems(list):
    """Problems as the lines editors read (content_check.Problem makes the format)."""

    def add(self, path, line, field, message, hint=""):
        self.append(str(Problem(path, line, field, message, hint)))


def did_you_mean(value, choices):
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(sorted(choices))


def render_markdown(text):
    """Editor Markdown as safe HTML: raw HTML, scripts and javascript: links are removed."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def split_front_matter(text, path, problems):
    """(yaml text, body) or None after reporting the problem."""
    lines = text.split("\n")
    if lines[0].rstrip("\r") != FENCE:
        if lines[0].strip() == FENCE:
            problems.add(path, 1, "front matter", "the opening '---' has spaces after it", "remove them")
        else:
            problems.add(path, 1, "front matter", "is missing", "the file must start with a line '---'")
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r") == FENCE:
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:])
        if line.strip() == FENCE:
            problems.add(
                path,
                number,
                "front matter",
                "the closing '---' has spaces after it",
                "remove them; otherwise the settings would be read as text",
            )
            return None
    problems.add(path, 1, "front matter", "is not closed", "add a line '---' after the settings")
    return None


def parse_yaml(yaml_text, path, problems):
    """(data, lines) where lines maps a key path such as ('answers', 0, 'decision') to its line."""
    loader = TextDateLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        problems.add(path, line, "front matter", "is not valid YAML", str(getattr(error, "problem", error)))
        return None, None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problems.add(path, 2, "front matter", "must be a list of 'key: value' lines")
        return None, None
    lines, raw = {}, {}

    def walk(current, key_path):
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                lines[key_path + (key_node.value,)] = key_node.start_mark.line + 2
                if isinstance(value_node, yaml.ScalarNode):
                    raw[key_path + (key_node.value,)] = value_node.value
                walk(value_node, key_path + (key_node.value,))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines[key_path + (index,)] = item.start_mark.line + 2
                walk(item, key_path + (index,))

    walk(node, ())
    lines["raw"] = raw
    return data, lines


class DocumentReader:
    """Reads and validates one file into a Document; problems go to the shared list."""

    def __init__(self, path, display_path, problems, themes):
        self.path = Path(path)
        self.shown = display_path
        self.problems = problems
        self.themes = themes
        self.lines = {}

    def line(self, *key_path):
        for length in range(len(key_path), 0, -1):
            if key_path[:length] in self.lines:
                return self.lines[key_path[:length]]
        return 1

    def report(self, key_path, message, hint=""):
        field = ".".join(str(k) for k in key_path) if key_path else "front matter"
        self.problems.add(self.shown, self.line(*key_path), field, message, hint)

    def read(self):
        """A Document, the string 'unpublished' for a draft or hidden file, or None after problems."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.add(self.shown, 1, "file", "is not UTF-8 text", "save it as UTF-8")
            return None
        parts = split_front_matter(text, self.shown, self.problems)
        if parts is None:
            return None
        yaml_text, body = parts
        data, self.lines = parse_yaml(yaml_text, self.shown, self.problems)
        if data is None:
            return None
        status = str(data.get("status", "published")).strip().lower()
        if status in ("draft", "hidden"):
            return "unpublished"
        if status != "published":
            self.report(("status",), f"'{status}' is not a status", "leave it out, or use draft (never published)")
        before = len(self.problems)
        confidential = self.confidential(data)
        if confidential is None:
            return None
        document = self.stub(data, body) if confidential else self.public(data, body)
        return document if len(self.problems) == before else None

    def confidential(self, data):
        if "confidential" not in data:
            self.report(
                (),
                "'confidential' is missing",
                "every document says 'confidential: false' (public) or 'confidential: true'",
            )
            return None
        raw = str(self.lines["raw"].get(("confidential",), data["confidential"])).strip().lower()
        if raw not in CONFIDENTIAL_VALUES:
            self.report(
                ("confidential",),
                f"'{data['confidential']}' is not a yes/no value",
                "write true or false (ja or nee also work)",
            )
            return None
        return CONFIDENTIAL_VALUES[raw]

    # --- field helpers ---

    def date(self, data, key, required=True, key_path=()):
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.report(key_path + (key,), "is missing", "a date like 2025-03-12")
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.report(key_path + (key,), f"'{value}' is not a date", "write YYYY-MM-DD, e.g. 2025-03-12")
            return None

    def text(self, data, key, required=False, key_path=()):
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if required:
                self.report(key_path + (key,), "is missing")
            return ""
        if isinstance(value, (dict, list)):
            self.report(key_path + (key,), "must be text")
            return ""
        return str(value).strip()

    def text_list(self, data, key):
        value = data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report((key,), "must be a list", "e.g. [A1, A2] or one item per line starting with '- '")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def check_keys(self, data, allowed, key_path=()):
        for key in data:
            if key not in allowed:
                self.report(key_path + (key,), "is not a known setting", did_you_mean(key, allowed))

    def kind(self, data):
        kind = self.text(data, "kind", required=True)
        if kind and kind not in KINDS:
            dutch = DUTCH_KINDS.get(kind.lower())
            hint = f"did you mean '{dutch}'?" if dutch else did_you_mean(kind, KINDS)
            self.report(("kind",), f"'{kind}' is not a kind", hint)
            return ""
        return kind

    # --- documents ---

    def stub(self, data, body):
        kind = self.kind(data)
        for key in ("title", "attachments", "summary"):
            if key in data:
                self.report(
                    (key,),
                    "is not allowed in a confidential document",
                    "publish only kind, date, dossier, reason and review_on; keep the text out of the repository",
                )
        if body.strip():
            self.report(
                (),
                "a confidential document has text under its settings",
                "remove the text: it must never be committed, the repository is public",
            )
        self.check_keys({k: v for k, v in data.items() if k not in ("title", "attachments", "summary")}, STUB_KEYS)
        return Document(
            path=self.shown,
            slug=self.path.stem,
            kind=kind,
            date=self.date(data, "date"),
            confidential=True,
            lines=self.lines,
            dossier=self.text(data, "dossier"),
            reason=self.text(data, "reason", required=True),
            review_on=self.date(data, "review_on"),
        )

    def public(self, data, body):
        kind = self.kind(data)
        self.check_keys(data, COMMON_KEYS | KIND_KEYS.get(kind, set()))
        themes = self.text_list(data, "themes")
        for theme in themes:
            if theme not in self.themes:
                self.report(("themes",), f"'{theme}' is not a theme", did_you_mean(theme, self.themes))
        if "attachments" in data:
            self.report(("attachments",), "are not supported yet", "link to documents in the text instead")
        fields = dict(
            path=self.shown,
            slug=self.path.stem,
            kind=kind,
            date=self.date(data, "date"),
            confidential=False,
            dossier=self.text(data, "dossier"),
            title=self.text(data, "title", required=True),
            summary=self.text(data, "summary"),
            themes=themes,
            sensors=self.text_list(data, "sensors"),
            body_html=render_markdown(body),
            lines=self.lines,
        )
        if kind == "request":
            fields.update(
                questions=self.items(data, "questions", Question, required=False),
                advice_due=self.date(data, "advice_due", required=False),
                withdrawn_on=self.date(data, "withdrawn_on", required=False),
                withdrawn_reason=self.text(data, "withdrawn_reason"),
            )
        elif kind == "advice":
            fields["recommendations"] = self.items(data, "recommendations", Recommendation, required=True)
        elif kind == "response":
            fields["answers"] = self.answers(data)
        return Document(**fields)

    def items(self, data, key, make, required):
        """A list of {id, text} items with unique ids."""
        value = data.get(key)
        if value is None:
            if required:
                self.report((key,), "is missing", "a list of items with 'id' and 'text'")
            return ()
        if not isinstance(value, list) or not value:
            self.report((key,), "must be a list of items with 'id' and 'text'")
            return ()
        items, seen = [], set()
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.report((key, index), "must have 'id' and 'text'", "e.g. - {id: A1, text: ...}")
                continue
            self.check_keys(item, {"id", "text"}, (key, index))
            item_id = self.text(item, "id", True, (key, index))
            if item_id and not ID.match(item_id):
                self.report((key, index, "id"), f"'{item_id}' is not a usable id", "letters and digits, e.g. A1")
            if item_id in seen:
                self.report((key, index, "id"), f"'{item_id}' is used twice", "every item needs its own id")
            seen.add(item_id)
            items.append(make(item_id, self.text(item, "text", True, (key, index))))
        return tuple(items)

    def answers(self, data):
        value = data.get("answers")
        if not isinstance(value, list) or not value:
            self.report(
                ("answers",),
                "must be a list with one answer per recommendation",
                "each with recommendation, decision, how, implement_by, status",
            )
            return ()
        answers = []
        for index, item in enumerate(value):
            where = ("answers", index)
            if not isinstance(item, dict):
                self.report(where, "must be a set of 'key: value' lines")
                continue
            self.check_keys(item, ANSWER_KEYS, where)
            decision = self.text(item, "decision", True, where)
            if decision and decision not in DECISIONS:
                self.report(where + ("decision",), f"'{decision}' is not a decision", did_you_mean(decision, DECISIONS))
            status = self.text(item, "status", True, where)
            if status and status not in ANSWER_STATUSES:
                self.report(where + ("status",), f"'{status}' is not a status", did_you_mean(status, ANSWER_STATUSES))
            implement_by = self.date(item, "implement_by", required=False, key_path=where)
            rationale = self.text(item, "rationale", key_path=where)
            if decision in ("not_adopted", "partly_adopted") and not rationale:
                self.report(
                    where + ("rationale",),
                    f"is missing for a recommendation that is {decision}",
                    "explain why the municipality does not (fully) follow it",
                )
            if decision == "adopted" and implement_by is None and "implement_by" not in item:
                self.report(
                    where + ("implement_by",),
                    "is missing for an adopted recommendation",
                    "when will it be done? e.g. 2026-06-30",
                )
            answers.append(
                Answer(
                    recommendation=self.text(item, "recommendation", True, where),
                    decision=decision,
                    status=status,
                    extent=self.text(item, "extent", key_path=where),
                    how=self.text(item, "how", key_path=where),
                    implement_by=implement_by,
                    rationale=rationale,
                    progress=self.progress(item, where),
                    milestones=self.milestones(item, where),
                )
            )
        return tuple(answers)

    def progress(self, item, where):
        value = item.get("progress")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            self.report(where + ("progress",), f"'{value}' is not a percentage", "a whole number from 0 to 100")
            return None
        return value

    def milestones(self, item, where):
        value = item.get("milestones") or []
        if not isinstance(value, list):
            self.report(where + ("milestones",), "must be a list", "- {date: 2025-06-01, text: ..., done: true}")
            return ()
        milestones = []
        for index, milestone in enumerate(value):
            at = where + ("milestones", index)
            if not isinstance(milestone, dict):
                self.report(at, "must have 'date' and 'text'")
                continue
            self.check_keys(milestone, {"date", "text", "done"}, at)
            done = milestone.get("done", False)
            if not isinstance(done, bool):
                self.report(at + ("done",), f"'{done}' is not true or false")
                done = False
            milestones.append(
                Milestone(self.date(milestone, "date", key_path=at), self.text(milestone, "text", True, at), done)
            )
        return tuple(milestones)
