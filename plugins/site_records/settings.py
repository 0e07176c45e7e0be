"""Settings the records and pages depend on, read once, with their defaults and checks in one place."""

import datetime
from dataclasses import dataclass
from pathlib import Path


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
    verify_after_months: int
    urls: dict  # record kind -> URL pattern, e.g. "sensoren/{id}/"

    @classmethod
    def from_pelican(cls, settings):
        content = Path(settings["PATH"]).absolute()
        root = content.parent
        today = settings.get("BUILD_DATE") or datetime.date.today()
        return cls(
            root=root,
            content_path=content,
            data_path=Path(settings.get("DATA_PATH") or root / "data"),
            site_url=settings.get("SITEURL", ""),
            today=settings.get("REGISTER_TODAY") or settings.get("STADSPANEL_TODAY") or today,
            bbox=settings["MUNICIPALITY_BBOX"],
            panel_themes=settings["STADSPANEL_THEMES"],
            response_days=int(settings.get("RESPONSE_DAYS", 56)),
            verify_after_months=int(settings.get("VERIFY_AFTER_MONTHS", 12)),
            urls={
                "sensor": settings.get("SENSOR_URL", "sensoren/{id}/"),
                "dossier": settings.get("DOSSIER_URL", "stadspanel/{id}/"),
                "report": settings.get("REPORT_URL", "stadspanel/verslagen/{id}/"),
            },
        )

    def url(self, kind, **values):
        return self.urls[kind].format(**values)

    @staticmethod
    def save_as(url):
        """Where a page with a clean URL is written."""
        return url + "index.html" if url.endswith("/") else url
