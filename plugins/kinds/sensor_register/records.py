# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Validated records of the sensor register: what every other part of the site reads."""

import dataclasses
import datetime

from .schema import SENSOR


def _months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


class _SensorBehaviour:
    """What follows from a sensor's fields (the fields themselves come from the schema)."""

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


Sensor = SENSOR.record_class(
    "Sensor",
    extra=[("url", str, dataclasses.field(default="", compare=False)),  # from SENSOR_URL, like Pelican's own
           ("save_as", str, dataclasses.field(default="", compare=False)),  # from SENSOR_SAVE_AS
           ("source_path", str, dataclasses.field(default="", compare=False)),
           ("source_line", int, dataclasses.field(default=0, compare=False))],  # fmt: skip
    bases=(_SensorBehaviour,),
)
Sensor.__module__ = __name__
