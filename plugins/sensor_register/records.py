"""Validated records of the sensor register: what every other part of the site reads."""

import datetime
from dataclasses import dataclass, field

from content_check import Problem  # noqa: F401  (re-exported for this plugin's modules)


@dataclass(frozen=True)
class Sensor:
    sensor_id: str
    name: str
    summary: str
    status: str
    sensor_type: str
    measures: str
    purpose: str
    themes: tuple[str, ...]
    owner_organisation: str
    owner_type: str
    contact_email: str
    processes_personal_data: bool
    location_type: str
    active_from: datetime.date
    latitude: float | None = None
    longitude: float | None = None
    area: tuple[str, ...] = ()
    legal_basis: str = ""
    privacy_statement_url: str = ""
    sensor_type_other: str = ""
    active_until: datetime.date | None = None
    last_verified: datetime.date | None = None
    registered_on: datetime.date | None = None
    unit: str = ""
    department: str = ""
    supplier: str = ""
    location_description: str = ""
    dpia_url: str = ""
    retention_days: int | None = None
    personal_data_level: str = ""
    technology: tuple[str, ...] = ()
    purpose_category: tuple[str, ...] = ()
    open_data_url: str = ""
    project: str = ""
    related_advice: tuple[str, ...] = ()
    algorithm_register_id: str = ""
    notes: str = ""
    source_path: str = field(default="", compare=False)
    source_line: int = field(default=0, compare=False)

    @property
    def is_mobile_or_area(self):
        return self.location_type in ("mobile", "area")

    def registration_expired(self, today):
        return self.status == "active" and self.active_until is not None and self.active_until < today

    def needs_verification(self, today, max_age_months):
        if self.status == "removed":
            return False
        if self.last_verified is None:
            return True
        return self.last_verified < _months_before(today, max_age_months)


def _months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


# Column order of the CSV format and of every export.
REQUIRED_COLUMNS = (
    "sensor_id", "name", "summary", "status", "sensor_type", "measures", "purpose", "themes",
    "owner_organisation", "owner_type", "contact_email", "processes_personal_data", "location_type",
    "active_from",
)  # fmt: skip
OPTIONAL_COLUMNS = (
    "latitude", "longitude", "x_rd", "y_rd", "area", "legal_basis", "privacy_statement_url",
    "sensor_type_other", "active_until", "last_verified", "registered_on", "unit", "department",
    "supplier", "location_description", "dpia_url", "retention_days", "personal_data_level",
    "technology", "purpose_category", "open_data_url", "project", "related_advice",
    "algorithm_register_id", "notes",
)  # fmt: skip
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MULTI_VALUE_COLUMNS = ("themes", "area", "technology", "purpose_category", "related_advice")
