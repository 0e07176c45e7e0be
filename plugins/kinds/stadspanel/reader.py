# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading Stadspanel documents: YAML front matter between exact `---` fences, then Markdown.

Strict on purpose: a closing fence with trailing spaces, invalid YAML, an unknown key or a
`confidential` value that is not a clear yes/no is an error, never a silently public document.
Every problem carries the file and the line of the field it is about.
"""

import datetime
import re
from pathlib import Path

from editor_files.fields import text_issue
from editor_files.markdown_text import bracket_problems, render_markdown
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.schema import Field
from editor_files.sources import read_text
from editor_files.vocabularies import DEFAULT_PATH, load_code_lists
from editor_files.yaml_text import comment_lines, load_yaml

from .records import (
    Answer,
    Attachment,
    BodyPart,
    Document,
    Endorsement,
    Milestone,
    Question,
    Recommendation,
    Withheld,
)
from .schema import ANSWER, ANSWER_KEYS, CODE_LISTS, DOCUMENT, STUB_KEYS, STUB_REFUSED, keys_of

FENCE = "---"
DATE = Field("date", "date")  # a date of any key (endorsements, milestones): read as the date kind
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
# Attachments: suffix -> (format, media type, how the file starts, what it holds near its start).
ATTACHMENT_TYPES = {
    ".pdf": ("PDF", "application/pdf", b"%PDF-", b""),
    ".odt": ("ODT", "application/vnd.oasis.opendocument.text", b"PK\x03\x04",
             b"mimetypeapplication/vnd.oasis.opendocument.text"),
}  # fmt: skip
ATTACHMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
# Where a withheld part was in a published text, e.g. [[weggelaten W1]].
WITHHELD_MARK = re.compile(r"\[\[weggelaten ([^\]\s]*)\]\]")

def load_codes(root):
    """(Vocabularies or None, problems): the Stadspanel's code lists from the project's data/vocabularies.yml
    (the plugins' own project when `root` has none, as in a test folder), checked against the rules' codes."""
    path = Path(root) / "data" / "vocabularies.yml"
    path = path if path.exists() or path.is_symlink() else DEFAULT_PATH
    codes, problems = load_code_lists(path, root, tuple(CODE_LISTS), what=msg("the Stadspanel"))
    if codes is None:
        return None, problems
    for name, known in CODE_LISTS.items():
        if set(codes[name].codes) != set(known):
            problems.append(Problem(editor_path(path, root), 1, name,
                                    msg("must hold exactly the codes of the agreement"),
                                    msg("allowed: {known}", known=", ".join(known))))  # fmt: skip
    return (None if problems else codes), problems


def split_front_matter(text, path, problems):
    """(yaml text, body) or None after reporting the problem. A BOM before the fence is fine."""
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[0].rstrip("\r") != FENCE:
        if lines[0].strip() == FENCE:
            problems.append(Problem(path, 1, "front matter", msg("the opening '---' has spaces after it"),
                                    msg("remove them")))
        else:
            problems.append(Problem(path, 1, "front matter", msg("is missing"),
                                    msg("the file must start with a line '---'")))
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r") == FENCE:
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:])
        if line.strip() == FENCE:
            problems.append(Problem(path, number, "front matter", msg("the closing '---' has spaces after it"),
                                    msg("remove them; otherwise the settings would be read as text")))  # fmt: skip
            return None
    problems.append(Problem(path, 1, "front matter", msg("is not closed"), msg("add a line '---' after the settings")))
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
        problems.append(Problem(shown, 2, "front matter", msg("must be a list of 'key: value' lines")))
        return None
    return document, parts[0], parts[1]


# A milestone's kind, as editors write it (English or Dutch): today one, the council was told.
MILESTONE_KINDS = {"council": "council", "raad": "council"}

class DocumentReader:
    """Reads and validates one file into a Document; problems go to the shared list."""

    def __init__(self, path, display_path, problems, themes, today=None, woo_grounds=None, attachment_url="",
                 page_url="", page_save_as="", codes=None):  # fmt: skip
        self.path = Path(path)
        self.shown = display_path
        self.problems = problems
        self.themes = themes
        self.today = today
        self.woo_grounds = woo_grounds or {}
        self.attachment_url = attachment_url  # the URL attachments of this folder are published under
        self.page_url = page_url  # where a resident reads it: its report page, or its dossier's page
        self.page_save_as = page_save_as  # the file of that page (REPORT_SAVE_AS, DOSSIER_SAVE_AS)
        self.codes = codes if codes is not None else load_codes(DEFAULT_PATH.parents[1])[0]  # CODE_LISTS
        self.yaml = None
        self.body_line = 1  # the file line of the body's first line

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
        self.body_line = len(yaml_text.split("\n")) + 3
        data = self.yaml.data
        status = str(data.get("status", "published")).strip().lower()
        if status in ("draft", "hidden"):
            return "unpublished"
        if status != "published":
            self.report(("status",), msg("'{status}' is not a status", status=status),
                        msg("leave it out, or use draft (never published)"))
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
                msg("'confidential' is missing"),
                msg("every document says 'confidential: false' (public) or 'confidential: true'"),
            )
            return None
        raw = self.yaml.raw.get(("confidential",), data["confidential"])
        value = self.by_kind(DOCUMENT["confidential"], raw, ())
        if value is None:
            if not self.problems or self.problems[-1].field != "confidential":
                self.report(("confidential",), msg("is empty"), msg("write true or false (ja or nee also work)"))
            return None
        return value

    def by_kind(self, field, value, key_path, key=None):
        """A value read by its field's kind (editor_files.fields); its problems reported at its key's line."""
        codes = self.codes[field.vocabulary] if field.vocabulary in CODE_LISTS and self.codes else None
        if field.kind == "yes_no" and self.codes:
            codes = self.codes["yes_no"]
        result, issues = field.from_yaml(value, codes)
        for issue in issues:
            self.report(key_path + (key or field.name,), issue.message, issue.hint)
        return result

    # --- field helpers ---

    def date(self, data, key, required=True, key_path=()):
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.report(key_path + (key,), msg("is missing"), msg("a date like 2025-03-12"))
            return None
        return self.by_kind(DATE, value if isinstance(value, (str, int, datetime.date)) else str(value), key_path, key)

    def document_date(self, data):
        """The document's own date: required, and never after today (the build date)."""
        date = self.date(data, "date")
        if date and self.today and date > self.today:
            self.report(("date",), msg("{date} is in the future", date=date.isoformat()),
                        msg("date it on or before the day it is published ({today})",
                            today=self.today.isoformat()))  # fmt: skip
        return date

    def text(self, data, key, required=False, key_path=()):
        value = data.get(key)
        if isinstance(value, (dict, list)):
            self.report(key_path + (key,), msg("must be text"))
            return ""
        try:
            text = "" if value is None else str(value).strip()
        except ValueError:  # an integer too long to print; load_yaml refuses those already
            self.report(key_path + (key,), msg("is a number too long to read"), msg("put text in quotes"))
            return ""
        if not text and required:
            self.report(key_path + (key,), msg("is missing"))
        issue = text_issue(text)
        if issue:
            self.report(key_path + (key,), issue.message, issue.hint)
            return ""
        return text

    def text_list(self, data, key, key_path=()):
        value = data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key_path + (key,), msg("must be a list"),
                        msg("e.g. [A1, A2] or one item per line starting with '- '"))
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def entries(self, data, key, must_be, each_must, example=""):
        """(index, entry, key path) of each mapping in the list under `key`. A value that is no list or an
        empty one, and an entry that is no mapping, are reported (with `example` as the hint)."""
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.report((key,), must_be, example)
            return
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                yield index, entry, (key, index)
            else:
                self.report((key, index), each_must, example)

    def entry_id(self, entry, where, seen, example, own_id):
        """An entry's required id (withheld part, item): usable in an address and not used before in `seen`."""
        entry_id = self.text(entry, "id", True, where)
        if entry_id and not ID.match(entry_id):
            self.report(where + ("id",), msg("'{id}' is not a usable id", id=entry_id), example)
        elif entry_id in seen:
            self.report(where + ("id",), msg("'{id}' is used twice", id=entry_id), own_id)
        seen.add(entry_id)
        return entry_id

    def check_keys(self, data, allowed, key_path=()):
        for key in data:
            if key not in allowed:
                self.report(key_path + (key,), msg("is not a known setting"), did_you_mean(key, allowed))

    def kind(self, data):
        kind = self.text(data, "kind", required=True)
        if not kind or not self.codes:
            return ""
        code = self.codes["kind"].resolve(kind)
        if code is None:
            suggestion = self.codes["kind"].suggestion(kind)
            hint = msg("did you mean '{suggestion}'?", suggestion=suggestion) if suggestion else did_you_mean(kind,
                                                                                                              self.codes["kind"].codes)
            self.report(("kind",), msg("'{kind}' is not a kind", kind=kind), hint)
            return ""
        return code

    # --- documents ---

    def stub(self, data, body, yaml_text):
        kind = self.kind(data)
        for line in comment_lines(yaml_text, first_line=2):
            self.problems.append(Problem(self.shown, line, "front matter", msg("a confidential document has a comment"),
                                         msg("remove it: the repository is public, comments included")))  # fmt: skip
        for key in STUB_REFUSED:
            if key in data:
                self.report(
                    (key,),
                    msg("is not allowed in a confidential document"),
                    msg("publish only kind, date, dossier, reason, woo_ground and review_on; keep the text out of the "
                        "repository"),
                )
        if body.strip():
            self.report(
                (),
                msg("a confidential document has text under its settings"),
                msg("remove the text: it must never be committed, the repository is public"),
            )
        self.check_keys({k: v for k, v in data.items() if k not in STUB_REFUSED}, STUB_KEYS)
        date = self.document_date(data)
        return Document(
            path=self.shown,
            slug=self.path.stem,
            url=self.page_url,
            save_as=self.page_save_as,
            kind=kind,
            date=date,
            confidential=True,
            title="",  # a stub names no title: the document's text stays out of the repository
            lines=self.yaml.lines,
            dossier=self.text(data, "dossier"),
            reason=self.text(data, "reason", required=True),
            woo_ground=self.stub_grounds(data),
            review_on=self.date(data, "review_on"),
            quarterly_meeting=self.quarterly_meeting(data, kind),
            endorsed_by=self.endorsements(data, date) if kind == "conversation_note" else (),
        )

    def stub_grounds(self, data):
        """A stub's Woo grounds: one code, or a list of codes; at least one."""
        value = data.get("woo_ground")
        if value in (None, "", []):
            self.report((), msg("'woo_ground' is missing"),
                        msg("name the Woo article that allows withholding it, e.g. woo_ground: 5.1.2e (the codes are "
                            "under woo_grounds in data/vocabularies.yml)"))  # fmt: skip
            return ()
        codes = value if isinstance(value, list) else [value]
        return tuple(c for c in (self.woo_ground(c, ("woo_ground",)) for c in codes) if c)

    def woo_ground(self, value, key_path):
        code = str(value).strip()
        if code not in self.woo_grounds:
            self.report(key_path, msg("'{code}' is not a Woo ground", code=code), did_you_mean(code, self.woo_grounds)
                        or msg("use a code under woo_grounds in data/vocabularies.yml, e.g. 5.1.2e"))  # fmt: skip
            return ""
        return code

    def quarterly_meeting(self, data, kind):
        value = self.by_kind(DOCUMENT["quarterly_meeting"], data.get("quarterly_meeting"), ()) or False
        if value and kind != "meeting_report":
            self.report(("quarterly_meeting",), msg("only a meeting_report can be a quarterly meeting"))
            return False
        return value

    def endorsements(self, data, note_date):
        """Who endorsed a conversation note, and when: {municipality: date, panel: date}."""
        value = data.get("endorsed_by")
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.report(("endorsed_by",), msg("must list who endorsed the note, with the date"),
                        msg("e.g. endorsed_by: {{municipality: 2025-03-01, panel: 2025-02-20}}"))  # fmt: skip
            return ()
        found = []
        for key in value:
            party = self.codes["party"].resolve(str(key)) if self.codes else None
            if party is None:
                self.report(("endorsed_by", key), msg("is not a party of the agreement"),
                            did_you_mean(str(key), CODE_LISTS["party"]) or msg("municipality or panel"))  # fmt: skip
                continue
            date = self.date(value, key, key_path=("endorsed_by",))
            if date and note_date and date < note_date:
                self.report(("endorsed_by", key), msg("{date} is before the note's date", date=date.isoformat()),
                            msg("a note is endorsed after it is written"))  # fmt: skip
            elif date and self.today and date > self.today:
                self.report(("endorsed_by", key), msg("{date} is in the future", date=date.isoformat()),
                            msg("fill it in once the note is endorsed"))  # fmt: skip
            elif date:
                found.append(Endorsement(party, date))
        return tuple(found)

    def public(self, data, body):
        kind = self.kind(data)
        self.check_keys(data, keys_of(kind))
        themes = self.text_list(data, "themes")
        for theme in themes:
            if theme not in self.themes:
                self.report(("themes",), msg("'{theme}' is not a theme", theme=theme), did_you_mean(theme, self.themes))
        withheld = self.withheld(data)
        date = self.document_date(data)
        self.check_body(body)
        fields = dict(
            path=self.shown,
            slug=self.path.stem,
            url=self.page_url,
            save_as=self.page_save_as,
            kind=kind,
            date=date,
            confidential=False,
            dossier=self.text(data, "dossier"),
            title=self.text(data, "title", required=True),
            summary=self.text(data, "summary"),
            themes=themes,
            sensors=self.text_list(data, "sensors"),
            body_html=render_markdown(body),
            withheld=withheld,
            body_parts=self.body_parts(body, withheld),
            attachments=self.attachments(data),
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
        elif kind == "no_advice":
            fields["reason"] = self.text(data, "reason", required=True)
        elif kind == "conversation_note":
            fields["endorsed_by"] = self.endorsements(data, date)
        elif kind == "meeting_report":
            fields["quarterly_meeting"] = self.quarterly_meeting(data, kind)
        fields.update(self.plain_values(data, DOCUMENT, keys_of(kind) - fields.keys()))
        if kind != "meeting_report" and "quarterly_meeting" in data:
            self.quarterly_meeting(data, kind)
        return Document(**fields)

    def check_body(self, body):
        """Characters no text may hold, and brackets that would make Markdown slow, at the body's lines."""
        self.problems.extend(bracket_problems(body, self.shown, self.body_line))
        issue = text_issue(body)
        if issue:
            character = next(c for c in body if text_issue(c))
            line = self.body_line + body.count("\n", 0, body.index(character))
            self.problems.append(Problem(self.shown, line, "text", issue.message, issue.hint))

    # --- partly confidential texts ---

    def withheld(self, data):
        """The parts left out of a public text: an id and a Woo ground each, never the text itself."""
        if data.get("withheld") is None:
            return ()
        parts, seen = [], set()
        for _index, item, where in self.entries(data, "withheld",
                                                msg("must be a list of parts, each with 'id' and 'woo_ground'"),
                                                msg("must have 'id' and 'woo_ground'"),
                                                msg("e.g. - {{id: W1, woo_ground: 5.1.2e}}")):  # fmt: skip
            for key in item:
                if key not in ("id", "woo_ground"):
                    self.report(where + (key,), msg("is not allowed in a withheld part"),
                                msg("only id and woo_ground: the withheld text itself is never committed"))  # fmt: skip
            part_id = self.entry_id(item, where, seen, msg("letters and digits, e.g. W1"),
                                    msg("every withheld part needs its own id"))
            ground = ""
            if "woo_ground" not in item:
                self.report(where, msg("'woo_ground' is missing"), msg("the Woo article that allows leaving it out"))
            else:
                ground = self.woo_ground(item["woo_ground"], where + ("woo_ground",))
            if part_id:  # kept with a bad ground too, so that its mark in the text is not named as well
                parts.append(Withheld(part_id, ground))
        return tuple(parts)

    def body_parts(self, body, withheld):
        """The rendered text split at each [[weggelaten ID]] mark."""
        self.check_marks(body, withheld)
        declared = {part.id: part for part in withheld}
        pieces = WITHHELD_MARK.split(render_markdown(body))
        marks = zip(pieces[::2], pieces[1::2], strict=False)
        parts = [BodyPart(html, declared.get(part_id)) for html, part_id in marks]
        return tuple(parts) + (BodyPart(pieces[-1]),)

    def check_marks(self, body, withheld):
        """Every declared part is marked exactly once, and every mark names a declared part."""
        declared = {part.id: part for part in withheld}
        marked = {}
        for number, line in enumerate(body.split("\n"), start=self.body_line):
            for match in WITHHELD_MARK.finditer(line):
                part_id = match.group(1)
                if part_id not in declared:
                    self.problems.append(Problem(self.shown, number, "text",
                                                 msg("'{part}' names no part under 'withheld'", part=match.group(0)),
                                                 did_you_mean(part_id, declared)
                                                 or msg("add it under withheld with its woo_ground")))  # fmt: skip
                elif part_id in marked:
                    self.problems.append(Problem(self.shown, number, "text",
                                                 msg("'{part}' is used twice (also on line {marked})",
                                                     part=match.group(0), marked=marked[part_id]),
                                                 msg("mark each part once")))  # fmt: skip
                marked.setdefault(part_id, number)
        for index, part in enumerate(withheld):
            if part.id not in marked:
                self.report(("withheld", index, "id"), msg("'{id}' has no place in the text", id=part.id),
                            msg("write [[weggelaten {id}]] where the part was left out", id=part.id))  # fmt: skip

    # --- attachments ---

    def attachments(self, data):
        """PDF or ODT files in the document's own folder, each with a title."""
        if data.get("attachments") is None:
            return ()
        found = []
        for _index, item, where in self.entries(data, "attachments",
                                                msg("must be a list of files, each with 'file' and 'title'"),
                                                msg("must have 'file' and 'title'"),
                                                msg("e.g. - {{file: notulen.pdf, title: Notulen}}")):  # fmt: skip
            self.check_keys(item, {"file", "title"}, where)
            name, title = self.text(item, "file", True, where), self.text(item, "title", True, where)
            attachment = self.attachment(name, title, where + ("file",)) if name else None
            if attachment:
                found.append(attachment)
        return tuple(found)

    def attachment(self, name, title, key_path):
        suffix = Path(name).suffix.lower()
        if not ATTACHMENT_NAME.match(name) or name in (".", ".."):
            self.report(key_path, msg("'{name}' is not a file name in this folder", name=name),
                        msg("put the file beside the document and give only its name, e.g. notulen.pdf"))  # fmt: skip
            return None
        if suffix not in ATTACHMENT_TYPES:
            self.report(key_path, msg("'{name}' is not a PDF or ODT file", name=name),
                        msg("attachments are .pdf or .odt files"))
            return None
        path = self.path.parent / name
        if path.is_symlink() or not path.is_file():
            present = [p.name for p in self.path.parent.iterdir() if p.suffix.lower() in ATTACHMENT_TYPES]
            self.report(key_path, msg("'{name}' is not in the folder", name=name), did_you_mean(name, present)
                        or msg("add the file beside this document, or remove it from the list"))  # fmt: skip
            return None
        file_format, media_type, start, marker = ATTACHMENT_TYPES[suffix]
        with path.open("rb") as handle:
            head = handle.read(256)
        if not head.startswith(start) or marker not in head:
            self.report(key_path, msg("'{name}' is not a real {file_format} file", name=name, file_format=file_format),
                        msg("save it again as {file_format}; a renamed file of another type is refused",
                            file_format=file_format))  # fmt: skip
            return None
        return Attachment(name, title, file_format, media_type, path.stat().st_size, self.attachment_url + name,
                          source=str(path))  # fmt: skip

    def items(self, data, key, make, required):
        """A list of {id, text} items with unique ids."""
        if data.get(key) is None:
            if required:
                self.report((key,), msg("is missing"), msg("a list of items with 'id' and 'text'"))
            return ()
        items, seen = [], set()
        for _index, item, where in self.entries(data, key, msg("must be a list of items with 'id' and 'text'"),
                                                msg("must have 'id' and 'text'"), msg("e.g. - {{id: A1, text: ...}}")):
            self.check_keys(item, {"id", "text"}, where)
            item_id = self.entry_id(item, where, seen, msg("letters and digits, e.g. A1"),
                                    msg("every item needs its own id"))
            items.append(make(item_id, self.text(item, "text", True, where)))
        return tuple(items)

    def answers(self, data):
        answers = []
        for _index, item, where in self.entries(data, "answers",
                                                msg("must be a list with one answer per recommendation"),
                                                msg("must be a set of 'key: value' lines"),
                                                msg("each with recommendation, decision, how, implement_by, status")):
            self.check_keys(item, ANSWER_KEYS, where)
            decision = self.answer_code(item, "decision", where)
            status = self.answer_code(item, "status", where)
            implement_by = self.date(item, "implement_by", required=False, key_path=where)
            rationale = self.answer_text(item, "rationale", where)
            if decision in ("not_adopted", "partly_adopted") and not rationale:
                self.report(
                    where + ("rationale",),
                    msg("is missing for a recommendation that is {decision}", decision=decision),
                    msg("explain why the municipality does not (fully) follow it"),
                )
            if decision == "adopted" and implement_by is None and "implement_by" not in item:
                self.report(
                    where + ("implement_by",),
                    msg("is missing for an adopted recommendation"),
                    msg("when will it be done? e.g. 2026-06-30"),
                )
            ruled = dict(recommendation=self.answer_text(item, "recommendation", where), decision=decision,
                         status=status, implement_by=implement_by, rationale=rationale,
                         progress=self.progress(item, where), milestones=self.milestones(item, where))  # fmt: skip
            answers.append(Answer(**ruled, **self.plain_values(item, ANSWER, set(ANSWER.names) - ruled.keys(), where)))
        return tuple(answers)

    def plain_values(self, data, schema, names, key_path=()):
        """Fields with no rule of their own, read by their kind: a new optional field needs no code here."""
        return {f.name: self.value_of_kind(data, f, key_path) for f in schema if f.name in names and f.stored}

    def value_of_kind(self, data, field, key_path):
        if field.kind == "date":
            return self.date(data, field.name, field.required, key_path)
        if field.kind == "text":
            return self.text(data, field.name, field.required, key_path)
        if field.required and data.get(field.name) in (None, ""):
            self.report(key_path + (field.name,), msg("is missing"))
            return field.empty
        return self.by_kind(field, data.get(field.name), key_path)

    def answer_code(self, item, name, where):
        """A required code of an answer (decision, status), by its code list."""
        if item.get(name) in (None, ""):
            return self.answer_text(item, name, where)
        return self.by_kind(ANSWER[name], item[name], where) if not isinstance(item[name], bool) else \
            self.by_kind(ANSWER[name], str(item[name]), where)  # fmt: skip

    def answer_text(self, item, name, where):
        return self.text(item, name, ANSWER[name].required, where)

    def progress(self, item, where):
        value = item.get("progress")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            self.report(where + ("progress",), msg("'{value}' is not a percentage", value=value),
                        msg("a whole number from 0 to 100"))
            return None
        return value

    def milestones(self, item, where):
        value = item.get("milestones") or []
        if not isinstance(value, list):
            self.report(where + ("milestones",), msg("must be a list"),
                        msg("- {{date: 2025-06-01, text: ..., done: true}}"))
            return ()
        milestones = []
        for index, milestone in enumerate(value):
            at = where + ("milestones", index)
            if not isinstance(milestone, dict):
                self.report(at, msg("must have 'date' and 'text'"))
                continue
            self.check_keys(milestone, {"date", "text", "done", "kind"}, at)
            done = milestone.get("done", False)
            if not isinstance(done, bool):
                self.report(at + ("done",), msg("'{done}' is not true or false", done=done))
                done = False
            kind = str(milestone.get("kind") or "").strip().lower()
            if kind and kind not in MILESTONE_KINDS:
                self.report(at + ("kind",), msg("'{kind}' is not a kind of milestone", kind=kind),
                            msg("leave it out, or write council (the council was told)"))  # fmt: skip
                kind = ""
            milestones.append(Milestone(self.date(milestone, "date", key_path=at),
                                        self.text(milestone, "text", True, at), done, MILESTONE_KINDS.get(kind, "")))
        return tuple(milestones)
