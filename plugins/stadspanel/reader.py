"""Reading Stadspanel documents: YAML front matter between exact `---` fences, then Markdown.

Strict on purpose: a closing fence with trailing spaces, invalid YAML, an unknown key or a
`confidential` value that is not a clear yes/no is an error, never a silently public document.
Every problem carries the file and the line of the field it is about.
"""

import datetime
import re
from pathlib import Path

from editor_files.dates import parse_date
from editor_files.markdown_text import render_markdown
from editor_files.problems import Problem, did_you_mean
from editor_files.sources import read_text
from editor_files.yaml_text import comment_lines, load_yaml

from .records import ANSWER_STATUSES, DECISIONS, KINDS, Answer, Document, Milestone, Question, Recommendation

FENCE = "---"
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
CONFIDENTIAL_VALUES = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nee": False}
COMMON_KEYS = {"title", "date", "kind", "confidential", "summary", "themes", "sensors", "attachments", "status",
               "dossier"}  # fmt: skip
KIND_KEYS = {
    "request": {"questions", "advice_due", "withdrawn_on", "withdrawn_reason"},
    "advice": {"recommendations"},
    "response": {"answers"},
    "conversation_note": set(),
    "meeting_report": set(),
}
STUB_KEYS = {"kind", "date", "dossier", "confidential", "reason", "review_on", "status"}
ANSWER_KEYS = {"recommendation", "decision", "extent", "how", "implement_by", "rationale", "status", "progress",
               "milestones"}  # fmt: skip

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


def split_front_matter(text, path, problems):
    """(yaml text, body) or None after reporting the problem. A BOM before the fence is fine."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[0].rstrip("\r") != FENCE:
        if lines[0].strip() == FENCE:
            problems.append(Problem(path, 1, "front matter", "the opening '---' has spaces after it", "remove them"))
        else:
            problems.append(Problem(path, 1, "front matter", "is missing", "the file must start with a line '---'"))
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r") == FENCE:
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:])
        if line.strip() == FENCE:
            problems.append(Problem(path, number, "front matter", "the closing '---' has spaces after it",
                                    "remove them; otherwise the settings would be read as text"))  # fmt: skip
            return None
    problems.append(Problem(path, 1, "front matter", "is not closed", "add a line '---' after the settings"))
    return None


def read_front_matter(path, shown, problems):
    """(YamlDocument, yaml text, body) of a Markdown file, or None after reporting why not."""
    text, read_problems = read_text(path, shown)
    problems.extend(read_problems)
    if text is None:
        return None
    parts = split_front_matter(text, shown, problems)
    if parts is None:
        return None
    document, yaml_problems = load_yaml(parts[0], shown, first_line=2)
    problems.extend(yaml_problems)
    if document is None:
        return None
    if not isinstance(document.data, dict):
        problems.append(Problem(shown, 2, "front matter", "must be a list of 'key: value' lines"))
        return None
    return document, parts[0], parts[1]


class DocumentReader:
    """Reads and validates one file into a Document; problems go to the shared list."""

    def __init__(self, path, display_path, problems, themes, today=None):
        self.path = Path(path)
        self.shown = display_path
        self.problems = problems
        self.themes = themes
        self.today = today
        self.yaml = None

    def line(self, *key_path):
        return self.yaml.line(*key_path) if self.yaml else 1

    def report(self, key_path, message, hint=""):
        field = ".".join(str(k) for k in key_path) if key_path else "front matter"
        self.problems.append(Problem(self.shown, self.line(*key_path), field, message, hint))

    def read(self):
        """A Document, the string 'unpublished' for a draft or hidden file, or None after problems."""
        parsed = read_front_matter(self.path, self.shown, self.problems)
        if parsed is None:
            return None
        self.yaml, yaml_text, body = parsed
        data = self.yaml.data
        status = str(data.get("status", "published")).strip().lower()
        if status in ("draft", "hidden"):
            return "unpublished"
        if status != "published":
            self.report(("status",), f"'{status}' is not a status", "leave it out, or use draft (never published)")
        before = len(self.problems)
        confidential = self.confidential(data)
        if confidential is None:
            return None
        document = self.stub(data, body, yaml_text) if confidential else self.public(data, body)
        return document if len(self.problems) == before else None

    def confidential(self, data):
        if "confidential" not in data:
            self.report(
                (),
                "'confidential' is missing",
                "every document says 'confidential: false' (public) or 'confidential: true'",
            )
            return None
        raw = str(self.yaml.raw.get(("confidential",), data["confidential"])).strip().lower()
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
        date = parse_date(value) if isinstance(value, (str, datetime.date)) else None
        if date is None:
            self.report(key_path + (key,), f"'{value}' is not a date", "write YYYY-MM-DD, e.g. 2025-03-12")
        return date

    def document_date(self, data):
        """The document's own date: required, and never after today (the build date)."""
        date = self.date(data, "date")
        if date and self.today and date > self.today:
            self.report(("date",), f"{date.isoformat()} is in the future",
                        f"date it on or before the day it is published ({self.today.isoformat()})")  # fmt: skip
        return date

    def text(self, data, key, required=False, key_path=()):
        value = data.get(key)
        if isinstance(value, (dict, list)):
            self.report(key_path + (key,), "must be text")
            return ""
        try:
            text = "" if value is None else str(value).strip()
        except ValueError:  # an integer too long to print; load_yaml refuses those already
            self.report(key_path + (key,), "is a number too long to read", "put text in quotes")
            return ""
        if not text and required:
            self.report(key_path + (key,), "is missing")
        return text

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

    def stub(self, data, body, yaml_text):
        kind = self.kind(data)
        for line in comment_lines(yaml_text, first_line=2):
            self.problems.append(Problem(self.shown, line, "front matter", "a confidential document has a comment",
                                         "remove it: the repository is public, comments included"))  # fmt: skip
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
            date=self.document_date(data),
            confidential=True,
            lines=self.yaml.lines,
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
            date=self.document_date(data),
            confidential=False,
            dossier=self.text(data, "dossier"),
            title=self.text(data, "title", required=True),
            summary=self.text(data, "summary"),
            themes=themes,
            sensors=self.text_list(data, "sensors"),
            body_html=render_markdown(body),
            lines=self.yaml.lines,
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
