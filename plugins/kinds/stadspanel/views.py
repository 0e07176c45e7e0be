# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""What the Stadspanel pages show of a dossier, worked out before the templates run: they read attributes only."""

import datetime
from dataclasses import dataclass

from site_language import format_number

from . import status


@dataclass(frozen=True)
class DossierView:
    dossier: object
    status: str  # a DOSSIER_STATUSES code, derived from the documents and today
    response_due: datetime.date | None  # None without an advice or a response target
    days_to_response: int | None  # advice to first response; None before a response
    stories: list  # site_records.StoryLink: the stories that draw on this dossier


def dossier_views(records):
    """{dossier id: DossierView}; once the stories are linked (after every generator's context)."""
    today, response_days = records.settings.today, records.settings.response_days
    return {d.id: DossierView(d, status.dossier_status(d, today, response_days), status.response_due(d, response_days),
                              status.days_to_response(d), records.stories_of("dossier", d.id))
            for d in records.panel.dossiers}  # fmt: skip


def size_text(size, ui, lang):
    """'12 kB', '1,4 MB': sizes as readers of the language write them."""
    if size < 1000 * 1000:
        return ui["size_kb"].replace("{n}", str(max(1, round(size / 1000))))
    return ui["size_mb"].replace("{n}", format_number(size / 1000 / 1000, lang, 1))


def attachment_sizes(panel, ui, lang):
    """{attachment url: its size as text} for every attachment of the dossiers and the reports."""
    documents = [d for dossier in panel.dossiers for d in dossier.documents] + list(panel.reports)
    return {a.url: size_text(a.size, ui, lang) for document in documents for a in document.attachments}
