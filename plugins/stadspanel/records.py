"""Validated records of the Stadspanel data: documents, recommendations, answers, dossiers."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

KINDS = ("request", "advice", "response", "conversation_note", "meeting_report")
DECISIONS = ("adopted", "partly_adopted", "not_adopted", "under_consideration")
ANSWER_STATUSES = ("not_started", "planned", "in_progress", "done", "dropped")
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


@dataclass(frozen=True)
class Answer:
    recommendation: str
    decision: str
    status: str
    extent: str = ""
    how: str = ""
    implement_by: datetime.date | None = None
    rationale: str = ""
    progress: int | None = None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Document:
    """One Markdown file. A confidential document is a stub: only kind, date, dossier, reason, review_on."""

    path: str
    slug: str
    kind: str
    date: datetime.date
    confidential: bool
    dossier: str = ""
    title: str = ""
    summary: str = ""
    themes: tuple[str, ...] = ()
    sensors: tuple[str, ...] = ()
    body_html: str = ""
    reason: str = ""
    review_on: datetime.date | None = None
    questions: tuple[Question, ...] = ()
    advice_due: datetime.date | None = None
    withdrawn_on: datetime.date | None = None
    withdrawn_reason: str = ""
    recommendations: tuple[Recommendation, ...] = ()
    answers: tuple[Answer, ...] = ()
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    def line(self, *key_path):
        """The line of a field in the file, for messages about it."""
        return self.lines.get(key_path, 1)


@dataclass
class Dossier:
    """A dossier's documents are fixed once read; what follows from them is computed once."""

    id: str
    documents: list[Document] = field(default_factory=list)
    url: str = ""  # from DOSSIER_URL, like Pelican's own content objects

    def of_kind(self, kind):
        return [d for d in self.documents if d.kind == kind]

    @property
    def request(self):
        found = self.of_kind("request")
        return found[0] if found else None

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
