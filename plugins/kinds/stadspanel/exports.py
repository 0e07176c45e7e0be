# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Open data of the Stadspanel: one row per recommendation, and an Atom feed of dossier events."""

import datetime
import json

from feedgenerator import Atom1Feed
from site_language import language_tag
from site_outputs.csv_files import csv_text

from . import status
from .schema import ANSWER

# The answer's columns follow the schema: a new exported answer field appears in both files.
ANSWER_COLUMNS = tuple(f for f in ANSWER if f.export)
FIELDS = (
    "dossier_id",
    "dossier_title",
    "dossier_status",
    "advice_date",
    "themes",
    "recommendation_id",
    "recommendation_text",
    *(f.column for f in ANSWER_COLUMNS),
    "response_date",
    "days_advice_to_response",
    "council_informed_on",
    "council_url",
)
# The files this plugin publishes: (address, format, media type); their Dutch title and
# description are under stadspanel.open_data in theme/strings.nl.yml, keyed by format.
FEED_URL = "stadspanel/feed.atom"
FILES = (
    ("open-data/adviezen.csv", "CSV", "text/csv"),
    ("open-data/adviezen.json", "JSON", "application/json"),
    (FEED_URL, "Atom", "application/atom+xml"),
)


def open_data_files(ui):
    """The advice exports and the feed, described for /open-data/ and the catalogue."""
    return [{"url": url, "title": ui["open_data"][kind]["title"], "format": kind, "media_type": media_type,
             "description": ui["open_data"][kind]["description"]} for url, kind, media_type in FILES]  # fmt: skip


def recommendation_rows(dossiers, status_of):
    rows = []
    for dossier in dossiers:
        if dossier.advice is None:
            continue
        first_response = status.first_response_date(dossier)
        for recommendation in dossier.recommendations:
            answer = dossier.answers.get(recommendation.id)
            rows.append(
                {
                    "dossier_id": dossier.id,
                    "dossier_title": dossier.title,
                    "dossier_status": status_of(dossier),
                    "advice_date": dossier.advice.date.isoformat(),
                    "themes": "|".join(status.advice_themes(dossier)),
                    "recommendation_id": recommendation.id,
                    "recommendation_text": recommendation.text,
                    **answer_columns(answer),
                    "response_date": first_response.isoformat() if first_response else "",
                    "days_advice_to_response": status.days_to_response(dossier),
                    "council_informed_on": council_informed_on(answer),
                    "council_url": council_url(dossier),
                }
            )
    return rows


def council_informed_on(answer):
    """The day the council was told what became of this recommendation (a reached council milestone), or ''."""
    days = [m.date for m in (answer.milestones if answer else ()) if m.kind == "council" and m.done]
    return min(days).isoformat() if days else ""


def council_url(dossier):
    """Where the council was told of the municipality's response (the latest response that says so), or ''."""
    told = [r.council_url for r in sorted(dossier.responses, key=lambda d: d.date) if r.council_url]
    return told[-1] if told else ""


def answer_columns(answer):
    """The exported fields of an answer; a recommendation without one is 'unanswered'."""
    if answer is None:
        columns = {f.column: f.cell(f.empty) for f in ANSWER_COLUMNS}
        return {**columns, "decision": "unanswered"}
    return {f.column: f.cell(getattr(answer, f.name)) for f in ANSWER_COLUMNS}


def to_csv(rows):
    return csv_text(FIELDS, ([row[name] for name in FIELDS] for row in rows))


def to_json(rows, metadata):
    return json.dumps({**metadata, "recommendations": rows}, ensure_ascii=False, indent=1, allow_nan=False)


def atom_feed(events, settings, ui, site):
    feed = Atom1Feed(
        title=ui["feed_title"].replace("{site}", settings["SITENAME"]),
        link=f"{site}/stadspanel/",
        description=ui["feed_description"],
        language=language_tag(settings["DEFAULT_LANG"]),
        feed_url=f"{site}/{FEED_URL}",
    )
    for event in sorted(events, key=lambda e: e.date, reverse=True)[:100]:
        link = f"{site}/{event.dossier.url}"
        title = ui["events"][event.kind].replace("{title}", event.dossier.title).replace("{id}", event.detail)
        moment = datetime.datetime.combine(event.date, datetime.time(12), tzinfo=datetime.UTC)
        feed.add_item(
            title=title,
            link=link,
            description=event.document.summary if event.document else "",
            unique_id=f"{link}#{event.kind}-{event.date.isoformat()}-{event.detail}",
            pubdate=moment,
            updateddate=moment,
        )
    return feed.writeString("utf-8")
