# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Residents report a mistake: "Klopt er iets niet?" on every record page, by the municipality's own route.

REPORT_ROUTE (pelicanconf.py) is either `{"email": "..."}` (a `mailto:` link with a subject and a
body that name the record's kind, id, title and address) or `{"form": "https://...{id}...{url}..."}`
(a web form or issue form whose address takes `{kind}`, `{id}`, `{title}` and `{url}`, each
percent-encoded). Everything stays static: no form, script or request of the site's own; the link
opens the resident's mail program or the municipality's form. Templates call `report_href(kind,
id, title, url)`; `report_link.html` has the macro every record page uses.
"""

import string
from urllib.parse import quote

from editor_files.messages import msg
from editor_files.problems import Problem

PLACEHOLDERS = {"kind", "id", "title", "url"}


def route_problems(route):
    """Problems of REPORT_ROUTE, named at the setting (the build stops before anything is written)."""
    if not isinstance(route, dict) or len(route) != 1 or next(iter(route)) not in ("email", "form"):
        return [Problem("pelicanconf.py", 1, "REPORT_ROUTE",
                        msg("must be {{'email': address}} or {{'form': web address}}"),
                        msg("e.g. REPORT_ROUTE = {{'email': 'meldingen@gemeente.nl'}}"))]  # fmt: skip
    kind, target = next(iter(route.items()))
    if not isinstance(target, str) or not target.strip():
        return [Problem("pelicanconf.py", 1, "REPORT_ROUTE", msg("'{kind}' is empty", kind=kind),
                        msg("give the address residents use"))]
    if kind == "email" and ("@" not in target or any(c in target for c in "?&<>\"' ")):
        return [Problem("pelicanconf.py", 1, "REPORT_ROUTE", msg("'{target}' is not an e-mail address", target=target),
                        msg("only the address, e.g. meldingen@gemeente.nl"))]  # fmt: skip
    if kind == "form":
        if not target.startswith("https://"):
            return [Problem("pelicanconf.py", 1, "REPORT_ROUTE", msg("a form's address must start with https://"))]
        try:
            names = {name for _text, name, _spec, _conv in string.Formatter().parse(target) if name is not None}
        except ValueError:
            names = {"?"}
        if not names <= PLACEHOLDERS:
            return [Problem("pelicanconf.py", 1, "REPORT_ROUTE",
                            msg("a form's address may hold only {{kind}}, {{id}}, {{title}} and {{url}}"),
                            msg("write other braces as {{{{ and }}}}"))]  # fmt: skip
    return []


def report_href(settings, kind, record_id, title, url):
    """The link that opens the municipality's report route with this record filled in."""
    route, texts = settings["REPORT_ROUTE"], settings["UI"]["report"]
    address = f"{settings.get('SITEURL', '')}/{url}"
    kind_label = texts["kinds"].get(kind, kind)
    values = {"kind": kind_label, "id": record_id, "title": title, "url": address}
    if "email" in route:
        subject = texts["subject"].format(**values)
        body = texts["body"].format(**values)
        return f"mailto:{route['email']}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return route["form"].format(**{name: quote(str(value), safe="") for name, value in values.items()})


def validate_sources(settings):
    """REPORT_ROUTE's problems for `make check` and the build's check (content_check asks every plugin)."""
    return route_problems(settings.get("REPORT_ROUTE"))


def template_globals(settings):
    return {"report_href": lambda *args: report_href(settings, *args)}
