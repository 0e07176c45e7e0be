# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Validated records of the Stadspanel data: documents, recommendations, answers, dossiers."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from .schema import ANSWER, DOCUMENT, PARTIES

DOSSIER_STATUSES = (
    "requested",
    "advice_given",
    "response_overdue",
    "response_incomplete",
    "response_given",
    "in_progress",
    "implementation_overdue",
    "completed",
    "withdrawn",
    "no_advice",
    "note_endorsed",
    "note_awaiting_endorsement",
)


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: str


@dataclass(frozen=True)
class Milestone:
    date: datetime.date
    text: str
    done: bool = False
    kind: str = ""  # "council": the council was told ("teruggekoppeld aan de raad")


Answer = ANSWER.record_class("Answer")
Answer.__module__ = __name__


@dataclass(frozen=True)
class WooGround:
    """A ground for withholding under the Wet open overheid, from the vocabulary."""

    code: str
    article: str
    label: str


@dataclass(frozen=True)
class Withheld:
    """A part left out of a published text: only its id and its Woo ground are committed."""

    id: str
    woo_ground: str


@dataclass(frozen=True)
class BodyPart:
    """Published text up to a withheld part (or to the end: withheld is None)."""

    html: str
    withheld: Withheld | None = None


@dataclass(frozen=True)
class Attachment:
    file: str
    title: str
    format: str  # PDF or ODT
    media_type: str
    size: int  # bytes
    url: str
    source: str = field(default="", compare=False, repr=False)  # absolute path, for copying


@dataclass(frozen=True)
class Endorsement:
    party: str  # municipality or panel
    date: datetime.date


class _DocumentBehaviour:
    """One Markdown file. A confidential document is a stub: only the settings its schema keeps."""

    def line(self, *key_path):
        """The line of a field in the file, for messages about it."""
        return self.lines.get(key_path, 1)

    def endorsement_date(self, party):
        return next((e.date for e in self.endorsed_by if e.party == party), None)

    @property
    def missing_endorsements(self):
        return tuple(p for p in PARTIES if self.endorsement_date(p) is None)


# The front matter's fields come from the schema; these follow from the file itself.
Document = DOCUMENT.record_class(
    "Document",
    extra=[("path", str, ""), ("slug", str, ""),
           ("url", str, ""),  # from REPORT_URL or DOSSIER_URL: its own page, or its dossier's
           ("save_as", str, ""),  # that page's file (REPORT_SAVE_AS or DOSSIER_SAVE_AS)
           ("body_html", str, ""),
           ("body_parts", tuple, ()),  # BodyPart: the text split at its withheld parts
           ("lines", dict, dataclasses.field(default_factory=dict, compare=False, repr=False))],  # fmt: skip
    bases=(_DocumentBehaviour,),
)
Document.__module__ = __name__


@dataclass
class Dossier:
    """A dossier's documents are fixed once read; what follows from them is computed once."""

    id: str
    documents: list[Document] = field(default_factory=list)
    url: str = ""  # from DOSSIER_URL, like Pelican's own content objects
    save_as: str = ""  # from DOSSIER_SAVE_AS

    def of_kind(self, kind):
        return [d for d in self.documents if d.kind == kind]

    @property
    def request(self):
        found = self.of_kind("request")
        return found[0] if found else None

    @property
    def no_advice(self):
        """The panel's decision not to advise on the request (art. 5a: "al dan niet een advies")."""
        found = self.of_kind("no_advice")
        return found[0] if found else None

    @property
    def notes(self):
        return self.of_kind("conversation_note")

    @property
    def started_with_note(self):
        """Route 5b: panel and municipality started with a conversation, not with a request."""
        return bool(self.documents) and self.documents[0].kind == "conversation_note"

    @cached_property
    def advice(self):
        found = [d for d in self.of_kind("advice") if not d.confidential]
        return found[0] if found else None

    @cached_property
    def responses(self):
        return [d for d in self.of_kind("response") if not d.confidential]

    @property
    def title(self):
        for document in (self.advice, self.request, *self.documents):
            if document is not None and document.title:
                return document.title
        return self.id

    @property
    def title_en(self):
        """The English of `title` (`title_en` of the same document), or None: the English pages show the Dutch."""
        for document in (self.advice, self.request, *self.documents):
            if document is not None and document.title:
                return document.title_en or None
        return None

    @cached_property
    def recommendations(self):
        return self.advice.recommendations if self.advice else ()

    @cached_property
    def answers(self):
        """The latest answer to each recommendation: a later response updates an earlier one."""
        latest = {}
        for response in sorted(self.responses, key=lambda d: d.date):
            for answer in response.answers:
                latest[answer.recommendation] = answer
        return latest

    @property
    def themes(self):
        return tuple(dict.fromkeys(t for d in self.documents for t in d.themes))

    @property
    def sensors(self):
        return tuple(dict.fromkeys(s for d in self.documents for s in d.sensors))

    @property
    def started_on(self):
        return min(d.date for d in self.documents)
