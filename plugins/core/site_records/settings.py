# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Settings the records and pages depend on, read once, with their defaults and checks in one place."""

import datetime
import string
from dataclasses import dataclass
from pathlib import Path

from editor_files.messages import msg
from editor_files.problems import ContentError, Problem


def page_file(url):
    """Where a page with a clean URL is written, unless a *_SAVE_AS setting says otherwise."""
    return url + "index.html" if url.endswith("/") else url


@dataclass(frozen=True)
class PagePattern:
    """Where a kind of record has its page: Pelican's *_URL and *_SAVE_AS settings, for our records."""

    url: str
    save_as: str = ""  # "": the URL's own index.html

    def url_of(self, **values):
        return self.url.format(**values)

    def save_as_of(self, **values):
        return self.save_as.format(**values) if self.save_as else page_file(self.url_of(**values))

    def of(self, **values):
        """{"url": ..., "save_as": ...} of one record, as its fields."""
        return {"url": self.url_of(**values), "save_as": self.save_as_of(**values)}


def checked_pattern(setting, pattern, required=True):
    """A *_URL or *_SAVE_AS setting whose only placeholder is {id} (once at least, unless empty and not
    `required`); anything else stops the build with a message instead of a KeyError deep in a reader."""
    if not required and pattern == "":
        return pattern
    if not isinstance(pattern, str):
        raise _settings_error(setting, msg("{pattern!r} is not text", pattern=pattern), msg("e.g. 'sensoren/{{id}}/'"))
    try:
        names = [name for _text, name, _spec, _conversion in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        names = None
    if names is None or any(name != "id" for name in names) or "id" not in names:
        raise _settings_error(setting, msg("'{pattern}' must hold {{id}} and no other {{...}}", pattern=pattern),
                              msg("e.g. 'sensoren/{{id}}/'; a brace that is not {{id}} is written "
                                  "{{{{ or }}}}"))  # fmt: skip
    return pattern


def page_patterns(settings, kinds):
    """{page kind: PagePattern} from `<PAGE>_URL` / `<PAGE>_SAVE_AS`, or each kind's default.

    A default may be a function of the patterns before it (a sign's address follows its sensor's).
    """
    patterns = {}
    for kind in kinds:
        for page, default in (kind.pages or {}).items():
            name = page.upper()
            url = settings.get(f"{name}_URL") or (default(patterns) if callable(default) else default)
            save_as = settings.get(f"{name}_SAVE_AS", "")
            patterns[page] = PagePattern(checked_pattern(f"{name}_URL", url),
                                         checked_pattern(f"{name}_SAVE_AS", save_as, required=False))
    return patterns


def sign_url(sensor_url):
    """A sign lives under its sensor's page: sensoren/{id}/bord/, or sensor/{id}/bord/ for sensor/{id}.html."""
    folder = sensor_url if sensor_url.endswith("/") else sensor_url.rsplit(".", 1)[0] + "/"
    return folder + "bord/"


@dataclass(frozen=True)
class SiteSettings:
    root: Path  # the project folder: paths in messages are relative to it
    content_path: Path
    data_path: Path
    site_url: str
    today: datetime.date  # "today" for every derived status: the build date
    bbox: dict
    panel_themes: dict
    response_days: int | None  # the municipality's own response target; None: nothing is late
    response_target_decided_in: str  # where the municipality set that target (the site says so)
    verify_after_months: int
    pages: dict  # record kind -> PagePattern, e.g. sensor: sensoren/{id}/ written to sensoren/{id}/index.html
    reserved_sensor_ids: frozenset = frozenset()  # addresses under /sensoren/ that are pages of their own
    municipality: str = ""  # the publisher of every open data file
    example_data: bool = False  # the site shows (and its files say) that its data are examples
    licence: str = "CC0-1.0"  # of the site's own open data (OPEN_DATA_LICENCE)
    register_page_url: str = "sensoren/pagina/{number}/"  # the register's second and later pages
    register_page_size: int = 100
    language: str = "nl"  # DEFAULT_LANG: how dates and numbers are written (site_language)

    @classmethod
    def from_pelican(cls, settings, kinds=()):
        """The settings, with the page addresses of every record kind (`kinds.RecordKind.pages`)."""
        content = Path(settings["PATH"]).absolute()
        root = content.parent
        today = settings.get("BUILD_DATE") or datetime.date.today()
        response_days, decided_in = response_target(settings)
        return cls(
            root=root,
            content_path=content,
            data_path=Path(settings.get("DATA_PATH") or root / "data"),
            site_url=settings.get("SITEURL", ""),
            today=settings.get("REGISTER_TODAY") or settings.get("STADSPANEL_TODAY") or today,
            bbox=settings["MUNICIPALITY_BBOX"],
            panel_themes=settings["STADSPANEL_THEMES"],
            response_days=response_days,
            response_target_decided_in=decided_in,
            verify_after_months=int(settings.get("VERIFY_AFTER_MONTHS", 12)),
            reserved_sensor_ids=frozenset(i.lower() for i in settings.get("SENSOR_RESERVED_IDS", ())),
            municipality=settings.get("MUNICIPALITY", ""),
            example_data=bool(settings.get("EXAMPLE_DATA_NOTICE")),
            licence=settings.get("OPEN_DATA_LICENCE") or cls.licence,
            register_page_url=settings.get("REGISTER_PAGE_URL", cls.register_page_url),
            register_page_size=int(settings.get("REGISTER_PAGE_SIZE", cls.register_page_size)),
            language=settings.get("DEFAULT_LANG") or cls.language,
            pages=page_patterns(settings, kinds),
        )

    def export_metadata(self, title):
        """What every open data file says about itself, before its own fields."""
        return {"title": title, "publisher": self.municipality, "generated": self.today.isoformat(),
                "example_data": self.example_data, "licence": self.licence}  # fmt: skip

    @property
    def response_target(self):
        return self.response_days is not None

    @property
    def urls(self):
        """{record kind: URL pattern}, for the browser's scripts."""
        return {kind: page.url for kind, page in self.pages.items()}

    def url(self, kind, **values):
        return self.pages[kind].url_of(**values)

    def save_as_of(self, kind, **values):
        return self.pages[kind].save_as_of(**values)

    save_as = staticmethod(page_file)


def response_target(settings):
    """(days, where decided) of RESPONSE_TARGET, or (None, "") without one.

    The collaboration agreement sets no response deadline. A target is the municipality's own,
    so it only counts with the place it was decided; without it nothing is "te laat".
    """
    target = settings.get("RESPONSE_TARGET")
    if "RESPONSE_DAYS" in settings:
        raise _settings_error(
            "RESPONSE_DAYS",
            msg("is replaced by RESPONSE_TARGET"),
            msg("RESPONSE_TARGET = {{'days': 56, 'decided_in': 'where the municipality decided it'}}"),
        )
    if not target:
        return None, ""
    days, decided_in = (
        (target.get("days"), str(target.get("decided_in") or "").strip()) if isinstance(target, dict) else (None, "")
    )
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise _settings_error("RESPONSE_TARGET",
                              msg("'days' must be a whole number of days above 0, not {days!r}", days=days))
    if not decided_in:
        raise _settings_error(
            "RESPONSE_TARGET",
            msg("'decided_in' is missing"),
            msg("name where the municipality set this target, e.g. a college decision"),
        )
    return days, decided_in


def _settings_error(field, message, hint=""):
    return ContentError([Problem("pelicanconf.py", 1, field, message, hint)], msg("The settings"))
