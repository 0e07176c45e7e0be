# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The sensor register's columns, declared once.

Reading, validation, the `Sensor` record, the exports, the sensor page's field list and the
README's column table all follow this list. To add an optional column: add a `Field` here (and its
name to a group of `PAGE_GROUPS` below) and its Dutch label under `sensor.fields` in
theme/strings.nl.yml. Nothing else. Each kind is read and exported by `editor_files.fields`: an
optional yes/no left empty is "Niet ingevuld" on the page, an empty cell in the CSV and null in the JSON.

`PAGE_GROUPS` says where the sensor page shows a field; `shown="when_filled"` leaves it out of
the page when it is empty (instead of "Niet ingevuld"). A test checks every name there is a field.
"""

from dataclasses import dataclass

from editor_files.schema import Field as BaseField
from editor_files.schema import Schema


@dataclass(frozen=True)
class Field(BaseField):
    shown: str = "always"  # or "when_filled"


F = Field
SENSOR = Schema("sensor", [
    F("sensor_id", "id", required=True, example="HLV-CAM-001"),
    F("name", required=True),
    F("summary", required=True, max_length=350),
    F("status", "code", required=True, vocabulary="status"),
    F("sensor_type", "code", required=True, vocabulary="sensor_type"),
    F("measures", required=True),
    F("purpose", required=True),
    F("themes", "codes", required=True, vocabulary="themes"),
    F("owner_organisation", required=True),
    F("owner_type", "code", required=True, vocabulary="owner_type"),
    F("contact_email", "email", required=True, example="sensoren@gemeente.nl"),
    F("processes_personal_data", "yes_no", required=True, vocabulary="yes_no"),
    F("location_type", "code", required=True, vocabulary="location_type"),
    F("active_from", "date", required=True),
    F("latitude", "number", condition="fixed sensors: latitude + longitude, or x_rd + y_rd", example="52.2231"),
    F("longitude", "number", condition="fixed sensors", example="5.1763"),
    F("x_rd", "number", stored=False, condition="fixed sensors, instead of latitude/longitude (RD New)",
      example="140000"),
    F("y_rd", "number", stored=False, condition="fixed sensors, with x_rd", example="470000"),
    F("area", "codes", vocabulary="area", condition="mobile and area sensors"),
    F("legal_basis", "code", vocabulary="legal_basis", condition="when personal data is processed"),
    F("privacy_statement_url", "url", condition="when personal data is processed"),
    F("sensor_type_other", shown="when_filled", condition="when sensor_type is other"),
    F("active_until", "date"),
    F("last_verified", "date"),
    F("registered_on", "date"),
    F("unit", shown="when_filled"),
    F("department"),
    F("supplier"),
    F("location_description"),
    F("dpia_url", "url"),
    F("retention_days", "whole_number", example="28"),
    F("personal_data_level", "code", vocabulary="personal_data_level"),
    F("technology", "codes", vocabulary="technology", shown="when_filled"),
    F("purpose_category", "codes", vocabulary="purpose_category", shown="when_filled"),
    F("open_data_url", "url", shown="when_filled"),
    F("project", shown="when_filled"),
    F("related_advice", "ids"),
    F("algorithm_register_id", shown="when_filled"),
    F("notes", shown="when_filled"),
    # Optional English for the site's English pages (LANGUAGES); without them the Dutch is shown, marked Dutch.
    F("name_en"),
    F("summary_en", max_length=350),
])  # fmt: skip

# Where a sensor's page is, unless SENSOR_URL says otherwise (site_records.SiteSettings reads it).
SENSOR_URL = "sensoren/{id}/"

# The sensor page's groups and their fields, in page order; group titles are in strings.nl.yml (sensor.groups).
PAGE_GROUPS = {
    "what": ("sensor_type", "sensor_type_other", "measures", "unit", "technology"),
    "why": ("purpose", "purpose_category", "themes", "project"),
    "whose": ("owner_organisation", "owner_type", "department", "supplier", "contact_email"),
    "privacy": ("processes_personal_data", "personal_data_level", "legal_basis", "retention_days",
                "privacy_statement_url", "dpia_url", "algorithm_register_id"),
    "where": ("location_type", "location_description", "area", "status", "active_from", "active_until",
              "registered_on", "last_verified"),
    "more": ("open_data_url", "notes"),
}  # fmt: skip
# Fields whose meaning needs personal data: "Niet van toepassing" when the sensor processes none.
PERSONAL_DATA_FIELDS = ("legal_basis", "privacy_statement_url", "retention_days", "dpia_url")
