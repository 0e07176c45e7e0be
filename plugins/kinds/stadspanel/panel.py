# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""All Stadspanel documents: one folder per dossier, regular meeting reports in verslagen/."""

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from editor_files.markdown_text import render_markdown
from editor_files.memo import digest, store, text_digest
from editor_files.messages import msg
from editor_files.problems import Problem, did_you_mean, editor_path
from editor_files.sources import symlinks
from site_records.settings import PagePattern

from .reader import ATTACHMENT_TYPES, DocumentReader, load_codes, read_front_matter
from .records import Dossier
from .schema import DOSSIER_URL, REPORT_URL

DOSSIER_PAGE, REPORT_PAGE = PagePattern(DOSSIER_URL), PagePattern(REPORT_URL)

REPORTS_FOLDER = "verslagen"
DOSSIER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass
class Panel:
    intro_title: str  # "" without content/stadspanel/index.md: the page then shows the section title
    intro_html: str
    dossiers: list[Dossier]
    reports: list = field(default_factory=list)  # meeting reports of regular meetings (public and stubs)
    woo_grounds: dict = field(default_factory=dict)  # code -> WooGround, for showing a ground's article

    def dossier(self, dossier_id):
        return self._by_id.get(dossier_id)

    @cached_property
    def _by_id(self):
        """{id: dossier}, the first of an id as a scan finds it (a scan per sensor is quadratic)."""
        return {d.id: d for d in reversed(self.dossiers)}


def read_intro(path, root, problems):
    if not path.exists() and not path.is_symlink():
        return "", ""
    parsed = read_front_matter(path, editor_path(path, root), problems)
    if parsed is None:
        return "", ""
    document, _yaml_text, body = parsed
    return str(document.data.get("title") or ""), render_markdown(body)


def markdown_files(folder):
    """A folder's Markdown documents: regular files whose suffix is .md in any case."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and p.is_file() and not p.is_symlink())


# Panels kept whole, by what reading sees of their folder (`folder_state`) and the options: a save of anything
# else finds the panel as read, without a look at each of its thousands of files through pathlib.
PANELS_KEPT = 2


def load_panel(folder, root, themes, today=None, dossier_page=DOSSIER_PAGE, report_page=REPORT_PAGE,
               woo_grounds=None):  # fmt: skip
    """Read and validate everything; returns (Panel or None, problems).

    Kept in the build cache by `folder_state`, the code lists' file and every option; each document is
    also kept by its own bytes (`read_document`), so a save reads again only what changed."""
    folder = Path(folder)
    key = (folder_state(folder), digest(Path(root) / "data" / "vocabularies.yml"),
           text_digest(str(Path(root).absolute()), themes, today, dossier_page, report_page, woo_grounds))  # fmt: skip
    read = partial(read_panel, folder, root, themes, today, dossier_page, report_page, woo_grounds, key[0])
    panel, problems = store("panels", PANELS_KEPT).get(key, read)
    return panel, list(problems)


def folder_state(folder):
    """What reading sees of the Stadspanel folder, from one pass over it: each entry's place below it and what
    it is (a link and where it points, a folder, a Markdown file's bytes, an attachment's size and time as its
    checks see them (`attachments_state`), any other file's name)."""
    top = os.fspath(folder)
    if os.path.islink(top) or not os.path.isdir(top):
        return digest(folder)
    found, stack = [], [top]
    while stack:
        directory = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                place = entry.path[len(top):]
                if entry.is_symlink():
                    found.append((place, "link", os.readlink(entry.path)))
                elif entry.is_dir():
                    found.append((place, "folder"))
                    stack.append(entry.path)
                elif entry.name.lower().endswith(".md"):
                    with open(entry.path, "rb") as file:
                        found.append((place, "md", hashlib.sha256(file.read()).hexdigest()))
                elif os.path.splitext(entry.name)[1].lower() in ATTACHMENT_TYPES:
                    status = entry.stat(follow_symlinks=False)
                    found.append((place, "attachment", status.st_size, status.st_mtime_ns))
                else:
                    found.append((place, "file"))
    return tuple(sorted(found))


def read_panel(folder, root, themes, today, dossier_page, report_page, woo_grounds, state=None):
    """(Panel or None, problems): see `load_panel` (`state`: the folder's `folder_state`)."""
    problems = []
    codes, code_problems = load_codes(root)  # the code lists of data/vocabularies.yml (kinds, decisions, ...)
    problems = list(code_problems)  # a copy: the code lists' result is kept for the next build, never changed
    if codes is None:
        return None, problems
    problems += symlinks(folder, root)
    intro_title, intro_html = read_intro(folder / "index.md", root, problems)
    check_stray_files(folder, root, problems)
    dossiers, reports, unreadable = [], [], set()
    shared = {"themes": themes, "today": today, "woo_grounds": woo_grounds, "codes": codes}
    shared_key = text_digest(sorted(shared.items()))  # once, not per document: the code lists' repr is long
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()) if folder.is_dir() else []
    states = folder_states(state)
    for subfolder in subfolders:
        is_reports = subfolder.name == REPORTS_FOLDER
        documents, found, readable = read_folder(subfolder, states.get(subfolder.name), root, shared, shared_key,
                                                 dossier_page, report_page)  # fmt: skip
        problems += found
        if not readable:
            unreadable.add(subfolder.name)
        if is_reports:
            reports = sorted(documents, key=lambda d: d.date or 0, reverse=True)
            continue
        shown = editor_path(subfolder, root)
        if not DOSSIER_ID.match(subfolder.name):
            problems.append(Problem(shown, 1, "folder", msg("'{name}' cannot be a dossier id", name=subfolder.name),
                                    msg("use lower-case letters, digits and -, e.g. druktemeter")))  # fmt: skip
        if documents:
            ordered = sorted(documents, key=lambda d: (d.date or datetime.date.min, d.kind))
            dossiers.append(Dossier(subfolder.name, ordered, **dossier_page.of(id=subfolder.name)))
    # A dossier with an unreadable file is checked as a whole once that file is fixed.
    check_dossiers([d for d in dossiers if d.id not in unreadable], reports, problems)
    if problems:
        return None, problems
    dossiers.sort(key=lambda d: d.started_on, reverse=True)
    return Panel(intro_title, intro_html, dossiers, reports, woo_grounds or {}), []


def folder_states(state):
    """{name of a folder right under the Stadspanel folder: its entries in `state`} (`folder_state`'s)."""
    states = {}
    for entry in state if isinstance(state, tuple) else ():
        states.setdefault(entry[0].split("/", 2)[1], []).append(entry)
    return {name: tuple(entries) for name, entries in states.items()}


# Dossier folders kept by what reading sees of them: a saved document reads its own folder again, no other.
FOLDERS_KEPT = 20_000


def read_folder(subfolder, state, root, shared, shared_key, dossier_page, report_page):
    """(documents, problems, readable) of one dossier folder (or verslagen/), kept by its entries in
    `folder_state` (`state`; None: not known, read now) and the options."""
    read = partial(_read_folder, subfolder, root, shared, shared_key, dossier_page, report_page)
    if state is None:
        return read()
    key = (str(subfolder.absolute()), state, str(Path(root).absolute()), shared_key, dossier_page, report_page)
    documents, problems, readable = store("dossier folders", FOLDERS_KEPT).get(key, read)
    return documents, list(problems), readable


def _read_folder(subfolder, root, shared, shared_key, dossier_page, report_page):
    is_reports = subfolder.name == REPORTS_FOLDER
    attachment_url = (
        report_page.url_of(id="").rstrip("/") + "/" if is_reports else dossier_page.url_of(id=subfolder.name)
    )
    documents, problems, readable = [], [], True
    options = {**shared, "attachment_url": attachment_url}
    for path in markdown_files(subfolder):
        if is_reports and not DOSSIER_ID.match(path.stem):  # a report's file name is its address
            problems.append(Problem(editor_path(path, root), 1, "file",
                                    msg("'{stem}' cannot be a report's name", stem=path.stem),
                                    msg("use lower-case letters, digits and -, e.g. "
                                        "2026-01-20-panelvergadering.md")))
            readable = False
            continue
        address = (report_page if is_reports else dossier_page).of(id=path.stem if is_reports else subfolder.name)
        with_address = {**options, "page_url": address["url"], "page_save_as": address["save_as"]}
        options_key = text_digest(shared_key, attachment_url, address["url"], address["save_as"])
        document = read_document(path, editor_path(path, root), problems, with_address, options_key)
        if document is None:
            readable = False
        elif document != "unpublished":
            documents.append(document)
    if readable:
        check_unlisted_files(subfolder, documents, root, problems)
    return documents, problems, readable


# A preview build reads again only the documents whose bytes (or attachments) changed.
DOCUMENTS_KEPT = 50_000


def read_document(path, shown, problems, options, options_key):
    """`DocumentReader(...).read()`, kept by the file's bytes, its folder's attachments and the options
    (`options_key`: a digest of every one of them)."""

    def read():
        found = []
        return DocumentReader(path, shown, found, **options).read(), found

    key = (str(path.absolute()), shown, digest(path), attachments_state(path.parent),
           options_key)  # fmt: skip
    document, found = store("documents", DOCUMENTS_KEPT).get(key, read)
    problems.extend(found)
    return document


def attachments_state(folder):
    """What a document's attachment checks see of its folder: each attachment's name, kind, size and time."""
    return tuple((p.name, p.is_symlink(), p.lstat().st_size, p.lstat().st_mtime_ns)
                 for p in sorted(folder.iterdir()) if p.suffix.lower() in ATTACHMENT_TYPES)  # fmt: skip


def check_stray_files(folder, root, problems):
    """Files the site would silently skip: Markdown outside a folder, folders in a folder, other types."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.is_symlink() and path.name != "index.md":
            problems.append(Problem(editor_path(path, root), 1, "file", msg("is not in a dossier folder or verslagen/"),
                                    msg("move it into content/stadspanel/<dossier-id>/ or "
                                        "content/stadspanel/verslagen/")))  # fmt: skip
    for path in sorted(folder.glob("*/*")):
        if path.is_symlink():
            continue  # named by symlinks()
        if path.is_dir():
            problems.append(Problem(editor_path(path, root), 1, "folder", msg("a dossier folder cannot hold folders"),
                                    msg("move its files into the dossier folder, or remove it")))  # fmt: skip
        elif path.suffix.lower() not in (".md", *ATTACHMENT_TYPES):
            problems.append(Problem(editor_path(path, root), 1, "file",
                                    msg("is not a Markdown document or an attachment (PDF or ODT) and is not "
                                        "published"),
                                    msg("save an attachment as PDF or ODT, or remove the file (the repository is "
                                        "public)")))  # fmt: skip


def check_unlisted_files(folder, documents, root, problems):
    """An attachment nobody lists would sit in the public repository unseen: name it."""
    listed = {a.file for d in documents for a in d.attachments}
    for path in sorted(folder.iterdir()):
        is_attachment = path.suffix.lower() in ATTACHMENT_TYPES and path.is_file() and not path.is_symlink()
        if is_attachment and path.name not in listed:
            problems.append(Problem(editor_path(path, root), 1, "file", msg("is not listed by any document"),
                                    msg("list it under 'attachments' of a document in this folder, with a title, or "
                                        "remove it (the repository is public)")))  # fmt: skip


def check_dossiers(dossiers, reports, problems):
    ids = {d.id for d in dossiers}
    for dossier in dossiers:
        for document in dossier.documents:
            if document.dossier and document.dossier != dossier.id:
                problems.append(Problem(document.path, document.line("dossier"), "dossier",
                                        msg("'{dossier}' differs from the folder '{id}'", dossier=document.dossier,
                                            id=dossier.id),
                                        msg("leave 'dossier' out: the folder says which dossier it is")))  # fmt: skip
        for kind in ("request", "advice"):
            if len(dossier.of_kind(kind)) > 1:
                second = dossier.of_kind(kind)[1]
                problems.append(Problem(second.path, second.line("kind"), "kind",
                                        msg("a dossier has one request, this is the second") if kind == "request"
                                        else msg("a dossier has one advice, this is the second"),
                                        msg("put a new question in a new dossier folder")))  # fmt: skip
        if not any(dossier.of_kind(kind) for kind in ("request", "advice", "conversation_note")):
            problems.append(Problem(dossier.documents[0].path, 1, "kind",
                                    msg("dossier '{id}' has no request, advice or conversation note", id=dossier.id),
                                    msg("a dossier starts with a request (adviesverzoek), an advice or a conversation "
                                        "note (gespreksnotitie)")))  # fmt: skip
        check_no_advice(dossier, problems)
        check_answers(dossier, problems)
        check_date_order(dossier, problems)
    for report in reports:
        if report.kind != "meeting_report":
            problems.append(Problem(report.path, report.line("kind"), "kind",
                                    msg("'{kind}' does not belong in verslagen/", kind=report.kind),
                                    msg("only meeting_report; other documents go in their dossier "
                                        "folder")))  # fmt: skip
        if report.dossier and report.dossier not in ids:
            problems.append(Problem(report.path, report.line("dossier"), "dossier",
                                    msg("'{dossier}' is not a dossier", dossier=report.dossier),
                                    did_you_mean(report.dossier, ids)))  # fmt: skip


def check_no_advice(dossier, problems):
    """Art. 5a: after a request the panel may decide not to advise; then there is no advice."""
    decisions = dossier.of_kind("no_advice")
    if len(decisions) > 1:
        problems.append(Problem(decisions[1].path, decisions[1].line("kind"), "kind",
                                msg("a dossier has one decision not to advise, this is the second")))  # fmt: skip
    if not decisions:
        return
    decision = decisions[0]
    if dossier.request is None:
        problems.append(Problem(decision.path, decision.line("kind"), "kind",
                                msg("a decision not to advise needs a request in the same dossier"),
                                msg("the panel decides not to advise on a request (adviesverzoek)")))  # fmt: skip
    elif decision.date and dossier.request.date and decision.date < dossier.request.date:
        problems.append(Problem(decision.path, decision.line("date"), "date",
                                msg("{date} is before the request ({request_date})", date=decision.date.isoformat(),
                                    request_date=dossier.request.date.isoformat()),
                                msg("check both dates")))  # fmt: skip
    if dossier.of_kind("advice"):
        advice = dossier.of_kind("advice")[0]
        problems.append(Problem(advice.path, advice.line("kind"), "kind",
                                msg("the panel decided not to advise ({path}), yet this is an advice",
                                    path=decision.path),
                                msg("remove one of the two: a dossier either has an advice or a decision not to "
                                    "advise")))  # fmt: skip


def check_answers(dossier, problems):
    recommendation_ids = {r.id for r in dossier.recommendations}
    for response in dossier.of_kind("response"):
        if response.confidential:
            continue
        if dossier.advice is None:
            problems.append(Problem(response.path, 1, "kind", msg("a response needs an advice in the same dossier")))
            continue
        for index, answer in enumerate(response.answers):
            if answer.recommendation and answer.recommendation not in recommendation_ids:
                problems.append(Problem(response.path, response.line("answers", index, "recommendation"),
                                        f"answers.{index}.recommendation",
                                        msg("'{recommendation}' is not a recommendation of the advice",
                                            recommendation=answer.recommendation),
                                        did_you_mean(answer.recommendation, recommendation_ids)))  # fmt: skip


def check_date_order(dossier, problems):
    """Request, then advice, then responses: a response dated before its advice would give negative days."""
    request, advice = dossier.request, dossier.of_kind("advice")[0] if dossier.of_kind("advice") else None
    if request and request.date and request.advice_due and request.advice_due <= request.date:
        problems.append(Problem(request.path, request.line("advice_due"), "advice_due",
                                msg("{due} is not after the request's date {asked}",
                                    due=request.advice_due.isoformat(), asked=request.date.isoformat()),
                                msg("the advice is due after it was asked for")))  # fmt: skip
    if request and advice and request.date and advice.date and advice.date < request.date:
        problems.append(Problem(advice.path, advice.line("date"), "date",
                                msg("{date} is before the request ({request_date}, {path})",
                                    date=advice.date.isoformat(), request_date=request.date.isoformat(),
                                    path=request.path),
                                msg("an advice follows its request; check both dates")))  # fmt: skip
    for response in dossier.of_kind("response"):
        if advice and advice.date and response.date and response.date < advice.date:
            problems.append(Problem(response.path, response.line("date"), "date",
                                    msg("{date} is before the advice ({advice_date}, {path})",
                                        date=response.date.isoformat(), advice_date=advice.date.isoformat(),
                                        path=advice.path),
                                    msg("a response follows the advice; check both dates")))  # fmt: skip
