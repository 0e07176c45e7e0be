# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What became of each advice: derived dossier status, the feedback figures, dossier events.

Nothing here is typed by editors; it follows from the documents' dates and answers and from
`today` (a setting, so tests can fix it). `response_days` is the municipality's own response
target (the collaboration agreement sets none): without it (None) no response is ever late.
"""

import datetime
import statistics
from dataclasses import dataclass

OPEN_WORK = ("not_started", "planned", "in_progress")


def response_due(dossier, response_days):
    advice = dossier.advice
    return advice.date + datetime.timedelta(days=response_days) if advice and response_days is not None else None


def first_response_date(dossier):
    responses = dossier.responses
    return min(r.date for r in responses) if responses else None


def days_to_response(dossier):
    first = first_response_date(dossier)
    return (first - dossier.advice.date).days if first and dossier.advice else None


def unanswered(dossier):
    answers = dossier.answers
    return [r for r in dossier.recommendations if r.id not in answers]


def overdue_answers(dossier, today):
    """(recommendation, answer) pairs whose implement_by has passed while work is still open."""
    overdue = []
    for recommendation in dossier.recommendations:
        answer = dossier.answers.get(recommendation.id)
        if (
            answer
            and answer.decision in ("adopted", "partly_adopted")
            and answer.implement_by
            and answer.implement_by < today
            and answer.status in OPEN_WORK
        ):
            overdue.append((recommendation, answer))
    return overdue


def note_status(dossier):
    """Route 5b: a conversation note counts once both municipality and panel endorsed it."""
    endorsed = all(not note.missing_endorsements for note in dossier.notes)
    return "note_endorsed" if endorsed else "note_awaiting_endorsement"


def dossier_status(dossier, today, response_days):
    request = dossier.request
    if request and request.withdrawn_on and request.withdrawn_on <= today:
        return "withdrawn"
    if dossier.no_advice is not None:
        return "no_advice"
    if dossier.advice is None:
        return "requested" if request or dossier.of_kind("advice") else note_status(dossier)
    if not dossier.responses:
        due = response_due(dossier, response_days)
        return "response_overdue" if due and today > due else "advice_given"
    if unanswered(dossier):
        return "response_incomplete"
    if overdue_answers(dossier, today):
        return "implementation_overdue"
    answers = list(dossier.answers.values())
    if any(a.decision == "under_consideration" for a in answers):
        return "response_given"
    to_do = [a for a in answers if a.decision in ("adopted", "partly_adopted")]
    if all(a.status in ("done", "dropped") for a in to_do):
        return "completed"
    if any(a.status in ("in_progress", "done") for a in to_do):
        return "in_progress"
    return "response_given"


@dataclass
class Dashboard:
    advices: int
    no_advice: int  # requests on which the panel decided not to advise
    started_with_note: int  # dossiers started with a conversation (route 5b)
    responses: int
    median_days: float | None
    longest_days: int | None
    longest_dossier: object
    recommendations: int
    answered: int
    decisions: dict
    overdue_responses: list
    overdue_implementations: list

    def share(self, count):
        return round(100 * count / self.recommendations) if self.recommendations else 0

    @property
    def answered_share(self):
        """Percentage of the recommendations with an answer."""
        return self.share(self.answered)

    @property
    def decision_shares(self):
        """{decision: percentage of the recommendations}."""
        return {code: self.share(count) for code, count in self.decisions.items()}


def dashboard(dossiers, today, response_days):
    with_advice = [d for d in dossiers if d.advice is not None]
    timed = [(days_to_response(d), d) for d in with_advice if days_to_response(d) is not None]
    all_recommendations = [(d, r) for d in with_advice for r in d.recommendations]
    decisions = {"adopted": 0, "partly_adopted": 0, "not_adopted": 0, "under_consideration": 0, "unanswered": 0}
    for dossier, recommendation in all_recommendations:
        answer = dossier.answers.get(recommendation.id)
        decisions[answer.decision if answer else "unanswered"] += 1
    longest = max(timed, key=lambda item: item[0]) if timed else (None, None)
    return Dashboard(
        advices=len(with_advice),
        no_advice=sum(dossier_status(d, today, response_days) == "no_advice" for d in dossiers),
        started_with_note=sum(d.started_with_note for d in dossiers),
        responses=len(timed),
        median_days=statistics.median(days for days, _d in timed) if timed else None,
        longest_days=longest[0],
        longest_dossier=longest[1],
        recommendations=len(all_recommendations),
        answered=len(all_recommendations) - decisions["unanswered"],
        decisions=decisions,
        overdue_responses=[
            (d, response_due(d, response_days))
            for d in with_advice
            if dossier_status(d, today, response_days) == "response_overdue"
        ],
        overdue_implementations=[
            (d, r, a)
            for d in with_advice
            if dossier_status(d, today, response_days) != "withdrawn"
            for r, a in overdue_answers(d, today)
        ],
    )


@dataclass(frozen=True)
class ThemeFollowThrough:
    """What became of the recommendations of one theme of the agreement (an advice's themes)."""

    code: str
    label: str
    decisions: dict  # adopted, partly_adopted, not_adopted, open (under consideration or unanswered): count
    realised: int  # of those followed (adopted or partly): work done
    in_progress: int  # work open, its date not passed (or none set)
    overdue: int  # work open, its implement_by passed
    stopped: int  # work dropped

    @property
    def recommendations(self):
        return sum(self.decisions.values())

    @property
    def followed(self):
        return self.decisions["adopted"] + self.decisions["partly_adopted"]


FOLLOW_THROUGH_DECISIONS = ("adopted", "partly_adopted", "not_adopted", "open")


def advice_themes(dossier):
    """The themes a dossier's advice is about (the advice's own, else its request's)."""
    advice, request = dossier.advice, dossier.request
    return tuple((advice.themes if advice and advice.themes else request.themes if request else ()) or ())


def follow_through(dossiers, today, themes):
    """Per theme of the agreement (`themes`: {code: label}), what became of its recommendations."""
    found = []
    for code, label in themes.items():
        decisions = dict.fromkeys(FOLLOW_THROUGH_DECISIONS, 0)
        work = {"realised": 0, "in_progress": 0, "overdue": 0, "stopped": 0}
        for dossier in dossiers:
            if dossier.advice is None or code not in advice_themes(dossier):
                continue
            for recommendation in dossier.recommendations:
                answer = dossier.answers.get(recommendation.id)
                decision = answer.decision if answer and answer.decision in FOLLOW_THROUGH_DECISIONS else "open"
                decisions[decision] += 1
                if decision in ("adopted", "partly_adopted"):
                    work[work_state(answer, today)] += 1
        found.append(ThemeFollowThrough(code, label, decisions, **work))
    return found


def work_state(answer, today):
    if answer.status == "done":
        return "realised"
    if answer.status == "dropped":
        return "stopped"
    return "overdue" if answer.implement_by and answer.implement_by < today else "in_progress"


@dataclass(frozen=True)
class Event:
    date: datetime.date
    dossier: object
    kind: str  # request, no_advice, advice, conversation_note, response, update, response_overdue,
    # implementation_overdue, withdrawn
    document: object = None
    detail: str = ""


def events(dossier, today, response_days):
    """What happened in a dossier, in date order, up to today."""
    found = []
    for document in dossier.documents:
        if document.confidential:
            continue
        if document.kind in ("request", "no_advice", "advice", "conversation_note"):
            found.append(Event(document.date, dossier, document.kind, document))
    for number, response in enumerate(sorted(dossier.responses, key=lambda d: d.date)):
        found.append(Event(response.date, dossier, "response" if number == 0 else "update", response))
    due = response_due(dossier, response_days)
    first = first_response_date(dossier)
    if due and (first is None or first > due) and due < today:
        found.append(Event(due + datetime.timedelta(days=1), dossier, "response_overdue"))
    for recommendation, answer in overdue_answers(dossier, today):
        found.append(
            Event(
                answer.implement_by + datetime.timedelta(days=1),
                dossier,
                "implementation_overdue",
                detail=recommendation.id,
            )
        )
    request = dossier.request
    if request and request.withdrawn_on and request.withdrawn_on <= today:
        found.append(Event(request.withdrawn_on, dossier, "withdrawn", request))
    return sorted((e for e in found if e.date <= today), key=lambda e: (e.date, e.kind))
