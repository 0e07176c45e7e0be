# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The measurement datasets as a record kind (see site_records.kinds): data/metingen/datasets.yml and its CSV files."""

from site_records.kinds import RecordKind

from .datasets import load_datasets


def load(site, before):
    """The datasets, their `sensors` checked against the register (when it could be read)."""
    register = before.get("register")
    sensor_ids = {s.sensor_id for s in register.sensors} if register else None
    return load_datasets(site.data_path / "metingen", site.root, sensor_ids)


RECORD_KIND = RecordKind(name="dataset", attribute="measurements", load=load, after=("register",),
                         ids=lambda catalogue: iter(catalogue.datasets))  # fmt: skip
