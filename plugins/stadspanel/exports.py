"""Open data of the Stadspanel: one row per recommendation, and an Atom feed of dossier events."""

import datetime
import json

from feedgenerator import Atom1Feed
from open_data import csv_text

from . import status

FIELDS = (
    "dossier_id",
    "dossier_title",
    "dossier_status",
    "advice_date",
    "recommendation_id",
    "recommendation_text",
    "decision",
    "extent",
    "how",
    "implement_by",
    "answer_status",
    "progress",
    "rationale",
    "response_date",
    "days_advice_to_response",
)
OPEN_DATA_FILES = [
    {
        "url": "open-data/adviezen.csv",
        "title": "Adviezen en reacties (CSV)",
        "format": "CSV",
        "media_type": "text/csv",
        "description": "Elke aanbeveling van het Stadspanel data met de reactie van de gemeente: besluit, hoe ver, "
        "hoe, wanneer, status en voortgang; ook aanbevelingen zonder antwoord.",
    },
    {
        "url": "open-data/adviezen.json",
        "title": "Adviezen en reacties (JSON)",
        "format": "JSON",
        "media_type": "application/json",
        "description": "Dezelfde gegevens als de CSV, als JSON.",
    },
    {
        "url": "stadspanel/feed.atom",
        "title": "Nieuws over adviezen (Atom-feed)",
        "format": "Atom",
        "media_type": "application/atom+xml",
        "description": "Nieuwe adviezen, reacties van de gemeente en veranderingen van status.",
    },
]


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
                    "recommendation_id": recommendation.id,
                    "recommendation_text": recommendation.text,
                    "decision": answer.decision if answer else "unanswered",
                    "extent": answer.extent if answer else "",
                    "how": answer.how if answer else "",
                    "implement_by": answer.implement_by.isoformat() if answer and answer.implement_by else "",
                    "answer_status": answer.status if answer else "",
                    "progress": answer.progress if answer and answer.progress is not None else None,
                    "rationale": answer.rationale if answer else "",
                    "response_date": first_response.isoformat() if first_response else "",
                    "days_advice_to_response": status.days_to_response(dossier),
                }
            )
    return rows


def to_csv(rows):
    return csv_text(FIELDS, ([row[name] for name in FIELDS] for row in rows))


def to_json(rows, metadata):
    return json.dumps({**metadata, "recommendations": rows}, ensure_ascii=False, indent=1)


def atom_feed(events, settings, ui):
    site = settings.get("SITEURL", "")
    feed = Atom1Feed(
        title=ui["feed_title"].replace("{site}", settings["SITENAME"]),
        link=f"{site}/stadspanel/",
        description=ui["feed_description"],
        language="nl",
        feed_url=f"{site}/stadspanel/feed.atom",
    )
    for event in sorted(events, key=lambda e: e.date, reverse=True)[:100]:
        link = f"{site}/stadspanel/{event.dossier.id}/"
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
