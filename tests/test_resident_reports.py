# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""'Klopt er iets niet?': every record page opens the municipality's report route with the record filled in."""

from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from conftest import SETTINGS, demo_records
from content_check import collect_problems
from extended_demo import extended_demo  # noqa: F401 (a fixture)
from pelican.settings import read_settings

LINK = "Meld het aan de gemeente"


def record_pages():
    """(kind, id, title, url, file) of every page that must carry the link, from the records."""
    records = demo_records()
    pages = [("sensor", s.sensor_id, s.name, s.url, s.save_as) for s in records.register.sensors]
    pages += [("dossier", d.id, d.title, d.url, d.save_as) for d in records.panel.dossiers]
    pages += [("report", r.slug, r.title, r.url, r.save_as) for r in records.panel.reports if not r.confidential]
    pages += [("layer", la.id, la.title, la.page_url, la.page_url + "index.html") for la in records.layers]
    pages += [("register", "sensoren", SETTINGS["UI"]["register"]["title"], "sensoren/", "sensoren/index.html"),
              ("map", "kaart", SETTINGS["UI"]["map"]["title"], "kaart/", "kaart/index.html")]  # fmt: skip
    return pages


def test_a_sensor_page_opens_a_mail_with_the_sensors_id_and_address(demo_url, page):
    sensor = demo_records().register.sensors[0]
    page.goto(f"{demo_url}/{sensor.url}")
    href = page.get_by_role("link", name=LINK).get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == SETTINGS["REPORT_ROUTE"]["email"]
    fields = {key: value[0] for key, value in parse_qs(parts.query).items()}
    assert sensor.sensor_id in fields["subject"] and sensor.name in fields["subject"]
    assert f"/{sensor.url}" in fields["body"] and sensor.sensor_id in fields["body"]


def test_every_record_page_carries_the_link_with_its_record(demo_site):
    missing = []
    for kind, record_id, title, url, file in record_pages():
        html = unquote((demo_site / file).read_text(encoding="utf-8"))
        if 'class="report-link"' not in html or f"{record_id}: " not in html or f"/{url}" not in html \
                or title.replace("'", "&#39;") not in html.replace("'", "&#39;"):  # fmt: skip
            missing.append((kind, record_id, file))
    stories = list(demo_site.glob("verhalen/*/index.html"))
    assert stories
    missing += [p for p in stories if "Verhaal " not in unquote(p.read_text(encoding="utf-8"))]
    assert not missing, missing


FORM = "https://meldingen.example.org/nieuw?onderwerp={id}&titel={title}&pagina={url}"


def add_web_form_route(project):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\nREPORT_ROUTE = {{'form': {FORM!r}}}\n",
                        encoding="utf-8")  # fmt: skip


def test_a_web_form_route_gets_the_record_in_its_address(extended_demo):  # noqa: F811
    """`add_web_form_route`, in a copy built with other tests' changes (extended_demo)."""
    _project, output = extended_demo
    form = FORM
    sensor = demo_records().register.sensors[0]
    html = (output / sensor.save_as).read_text(encoding="utf-8").replace("&amp;", "&")
    expected = form.format(id=quote(sensor.sensor_id, safe=""), title=quote(sensor.name, safe=""),
                           url=quote(f"/{sensor.url}", safe=""))  # fmt: skip
    assert f'href="{expected}"' in html


@pytest.mark.parametrize(("route", "message"), [
    ({"form": "http://meldingen.example.org/{id}"}, "moet met https:// beginnen"),
    ({"form": "https://meldingen.example.org/{naam}"}, "mag alleen {kind}, {id}, {title} en {url} bevatten"),
    ({"email": "geen adres"}, "is geen e-mailadres"),
    ({"telefoon": "035"}, "moet {'email': adres} of {'form': webadres} zijn"),
])  # fmt: skip
def test_a_wrong_route_is_named_at_the_setting(project_copy_factory, route, message):
    project = project_copy_factory()
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\nREPORT_ROUTE = {route!r}\n", encoding="utf-8")
    problems = [str(p) for p in collect_problems(read_settings(str(settings)))]
    assert any(p.startswith("pelicanconf.py:1: REPORT_ROUTE:") and message in p for p in problems), problems
