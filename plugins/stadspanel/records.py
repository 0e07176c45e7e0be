"""Validated records of the Stadspanel data: documents, recommendations, answers, dossiers."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

KINDS = ("request", "no_advice", "advice", "response", "conversation_note", "meeting_report")
# Who endorses a conversation note (route 5b of the collaboration agreement): both, each with a date.
PARTIES = ("municipality", "panel")
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
    reason: str = ""  # a stub's reason for confidentiality; a no_advice decision's reason
    review_on: datetime.date | None = None
    woo_grounds: tuple[str, ...] = ()  # a stub's grounds for withholding (codes of the Woo vocabulary)
    withheld: tuple[Withheld, ...] = ()  # parts left out of a public text
    body_parts: tuple[BodyPart, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    endorsements: tuple[Endorsement, ...] = ()  # conversation notes
    quarterly_meeting: bool = False  # meeting reports: the municipality's quarterly visit (art. 6d)
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

    def endorsed_by(self, party):
        return next((e.date for e in self.endorsements if e.party == party), None)

    @property
    def missing_endorsements(self):
        return tuple(p for p in PARTIES if self.endorsed_by(p) is None)


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
