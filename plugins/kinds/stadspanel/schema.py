# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The Stadspanel documents' front matter and the municipality's answers, declared once.

Reading (which keys a kind of document may have, which a confidential stub keeps), validation
(required fields, code lists), the `Document` and `Answer` records, the advice exports, the
answer's facts on the dossier page and the README's settings table all follow these lists.
To add an optional setting: add a `Field` here (and, if a page shows it, its Dutch label
under `stadspanel` in theme/strings.nl.yml).
"""

from dataclasses import dataclass

from editor_files.schema import Field as BaseField
from editor_files.schema import Schema

# The codes the rules below know, fixed by the agreement. Their spellings and the Dutch words editors
# may type are code lists in data/vocabularies.yml (CODE_LISTS), read with the register's lists.
KINDS = ("request", "no_advice", "advice", "response", "conversation_note", "meeting_report")
PARTIES = ("municipality", "panel")  # who endorses a conversation note (route 5b)
DECISIONS = ("adopted", "partly_adopted", "not_adopted", "under_consideration")
ANSWER_STATUSES = ("not_started", "planned", "in_progress", "done", "dropped")
# Where a dossier's and a regular meeting report's pages are, unless DOSSIER_URL or REPORT_URL say otherwise.
DOSSIER_URL = "stadspanel/{id}/"
REPORT_URL = "stadspanel/verslagen/{id}/"
# code list in data/vocabularies.yml -> the codes the rules know (the file must hold exactly these)
CODE_LISTS = {"kind": KINDS, "party": PARTIES, "decision": DECISIONS, "answer_status": ANSWER_STATUSES,
              "yes_no": ("yes", "no")}


@dataclass(frozen=True)
class Field(BaseField):
    kinds: tuple = ()  # the kinds of document that may have it; () = every kind
    # On a confidential stub: "kept" (it says that something exists, when and why it is closed),
    # "only" (a stub's alone), "refused" (it would carry text of the document), "" (not a stub's setting).
    stub: str = ""
    label: str = ""  # key of its label under `stadspanel` in theme/strings.nl.yml, where a page shows it
    export_as: str = ""  # its column in the exports, when that differs from its name

    @property
    def column(self):
        return self.export_as or self.name


F = Field
DOCUMENT = Schema("Stadspanel document", [
    F("title", required=True, stub="refused", condition="not on a confidential stub"),
    F("date", "date", required=True, stub="kept", example="2025-03-12"),
    F("kind", "code", required=True, vocabulary="kind", stub="kept"),
    F("confidential", "yes_no", required=True, stub="kept"),
    F("status", "code", stored=False, stub="kept", condition="draft or hidden: never published"),
    F("dossier", "id", stub="kept"),
    F("attachments", "list", stub="refused", example="- {file: notulen.pdf, title: Notulen}"),
    F("summary", stub="refused"),
    F("themes", "codes", vocabulary="themes"),
    F("sensors", "ids"),
    F("withheld", "list", stub="refused", example="- {id: W1, woo_ground: 5.1.2e}"),
    F("questions", "list", kinds=("request",), example="- {id: V1, text: ...}"),
    F("advice_due", "date", kinds=("request",)),
    F("withdrawn_on", "date", kinds=("request",)),
    F("withdrawn_reason", kinds=("request",)),
    F("reason", kinds=("no_advice",), stub="kept", condition="no_advice, and every confidential stub"),
    F("recommendations", "list", kinds=("advice",), condition="advice", example="- {id: A1, text: ...}"),
    F("answers", "list", kinds=("response",), condition="response"),
    F("council_url", "url", kinds=("response",), stub="refused",
      example="https://gemeente.raadsinformatie.nl/document/12345"),
    F("endorsed_by", "list", kinds=("conversation_note",), stub="kept",
      example="{municipality: 2025-03-01, panel: 2025-02-20}"),
    F("quarterly_meeting", "yes_no", kinds=("meeting_report",), stub="kept"),
    F("woo_ground", "codes", vocabulary="woo_grounds", stub="only", condition="every confidential stub",
      example="5.1.2e"),
    F("review_on", "date", stub="only", condition="every confidential stub"),
    # Optional English for the site's English pages (LANGUAGES); without them the Dutch is shown, marked Dutch.
    F("title_en", stub="refused"),
    F("summary_en", stub="refused"),
])  # fmt: skip

# One answer of a response to one recommendation. `group="facts"` fields are shown on the dossier
# page under their label when filled; their order here is the order of the exports' columns.
ANSWER = Schema("answer", [
    F("recommendation", "id", required=True, export=False, example="A1"),
    F("decision", "code", required=True, vocabulary="decision", label="decision_label"),
    F("extent", group="facts", label="extent_label"),
    F("how", group="facts", label="how_label"),
    F("implement_by", "date", group="facts", label="implement_by_label", condition="when adopted",
      example="2026-06-30"),
    F("status", "code", required=True, vocabulary="answer_status", label="answer_status_label",
      export_as="answer_status"),
    F("progress", "whole_number", label="progress_label", example="0 to 100"),
    F("rationale", group="facts", label="rationale_label", condition="when not or partly adopted"),
    F("milestones", "list", export=False, label="milestones_label", example="- {date: 2025-06-01, text: ...}"),
])  # fmt: skip
ANSWER_FACTS = tuple(ANSWER[name] for name in ANSWER.grouped("facts"))


def keys_of(kind):
    """The settings a public document of this kind may have."""
    return {f.name for f in DOCUMENT if f.stub != "only" and (not f.kinds or kind in f.kinds)}


STUB_KEYS = {f.name for f in DOCUMENT if f.stub in ("kept", "only")}
STUB_REFUSED = tuple(f.name for f in DOCUMENT if f.stub == "refused")
ANSWER_KEYS = set(ANSWER.names)
