# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make publish` refuses the demo's placeholder contacts unless the site says it shows example data."""

from conftest import SETTINGS
from publication_safety.placeholders import CONTACT_SETTINGS, placeholder_problems


def publish_settings(**changes):
    return {**SETTINGS, "PUBLISH_REFUSES_PLACEHOLDERS": True, **changes}


def test_a_published_site_without_the_example_notice_names_every_placeholder_setting():
    problems = [str(p) for p in placeholder_problems(publish_settings(EXAMPLE_DATA_NOTICE=False))]
    named = {name for name in CONTACT_SETTINGS for p in problems if p.startswith(f"pelicanconf.py:1: {name}:")}
    # The demo's contacts that are example addresses, derived from the settings themselves.
    expected = {name for name in CONTACT_SETTINGS if "example." in repr(SETTINGS.get(name))}
    assert expected and named == expected, problems
    assert all("is een voorbeeldadres" in p for p in problems)


def test_the_demo_may_publish_its_placeholders_because_it_says_it_is_example_data():
    assert SETTINGS["EXAMPLE_DATA_NOTICE"]
    assert placeholder_problems(publish_settings()) == []


def test_a_development_build_is_not_held_up_by_placeholders():
    assert placeholder_problems({**SETTINGS, "EXAMPLE_DATA_NOTICE": False}) == []


def test_the_municipalitys_own_addresses_pass():
    own = {"CONTACT_EMAIL": "openhilversum@hilversum.nl", "SECURITY_CONTACT": "mailto:security@hilversum.nl",
           "REPORT_ROUTE": {"form": "https://www.hilversum.nl/melding?onderwerp={id}"},
           "DATA_PROTECTION_OFFICER": {"name": "FG", "email": "fg@hilversum.nl"}, "OPEN_DATA_CONTACT_URL": None}
    assert placeholder_problems(publish_settings(EXAMPLE_DATA_NOTICE=False, **own)) == []
