# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Reading and validating the register's CSV files as editors export them from Excel."""

import datetime

import pytest
from sensor_fixtures import BBOX, VALID_ROW, csv_text, data_dir, row
from sensor_register import load_register


def load(tmp_path, files):
    data = data_dir(tmp_path, files)
    return load_register(data, BBOX, root=data.parent)


def problems_of(tmp_path, files):
    register, problems = load(tmp_path, files)
    assert register is None, "an invalid register must not be returned"
    return [str(p) for p in problems]


def only_sensor(tmp_path, files):
    register, problems = load(tmp_path, files)
    assert problems == []
    assert len(register.sensors) == 1
    return register.sensors[0]


# --- awkward but valid files are read right ---


def test_dutch_excel_file_semicolons_bom_decimal_commas_and_dutch_dates(tmp_path):
    text = csv_text([row(latitude="52,2256", longitude="5,1769", active_from="15-01-2024")], delimiter=";")
    sensor = only_sensor(tmp_path, {"gemeente.csv": "\ufeff" + text})
    assert sensor.sensor_id == "HLV-T-001"
    assert (sensor.latitude, sensor.longitude) == (52.2256, 5.1769)
    assert sensor.active_from == datetime.date(2024, 1, 15)


def test_comma_file_with_quoted_decimal_comma(tmp_path):
    sensor = only_sensor(tmp_path, {"a.csv": csv_text([row(latitude="52,2256", longitude="5,1769")])})
    assert sensor.latitude == 52.2256


def test_windows_1252_file_is_decoded_as_a_whole(tmp_path):
    text = csv_text([row(name="Café 't Hoekje, geïnstalleerd", owner_organisation="Bewoners Zeverijnstraat")])
    sensor = only_sensor(tmp_path, {"oud.csv": text.encode("cp1252")})
    assert sensor.name == "Café 't Hoekje, geïnstalleerd"


def test_utf8_is_preferred_when_the_whole_file_decodes(tmp_path):
    text = csv_text([row(name="Meter µg/m³ – Kerkelanden")])
    assert only_sensor(tmp_path, {"a.csv": text.encode("utf-8")}).name == "Meter µg/m³ – Kerkelanden"


def test_values_stay_text_until_validated(tmp_path):
    sensor = only_sensor(tmp_path, {"a.csv": csv_text([row(sensor_id="007", name="NA", measures="None")])})
    assert (sensor.sensor_id, sensor.name, sensor.measures) == ("007", "NA", "None")


def test_rd_new_coordinates_are_converted_to_wgs84(tmp_path):
    # The origin of RD New, the Onze Lieve Vrouwetoren in Amersfoort: x 155000, y 463000.
    values = row(x_rd="155000", y_rd="463000,0")
    del values["latitude"], values["longitude"]
    data = data_dir(tmp_path, {"a.csv": csv_text([values], delimiter=";")})
    netherlands = {"south": 50.7, "west": 3.3, "north": 53.6, "east": 7.3}
    register, problems = load_register(data, netherlands, root=data.parent)
    assert problems == []
    assert register.sensors[0].latitude == pytest.approx(52.155174, abs=1e-5)
    assert register.sensors[0].longitude == pytest.approx(5.387206, abs=1e-5)


def test_optional_columns_may_be_absent_and_multi_values_and_dutch_aliases_are_read(tmp_path):
    values = row(themes="lucht|Geluid | crowding", status="Actief", processes_personal_data="nee")
    sensor = only_sensor(tmp_path, {"a.csv": csv_text([values])})
    assert sensor.themes == ("air", "sound", "crowding")
    assert sensor.status == "active" and sensor.processes_personal_data is False
    assert sensor.dpia_url == "" and sensor.retention_days is None


def test_blank_lines_and_multi_line_cells_are_fine(tmp_path):
    text = csv_text([row(notes="Regel een\nregel twee"), row(sensor_id="HLV-T-002")])
    register, problems = load(tmp_path, {"a.csv": text.replace("\n", "\n\n", 1)})
    assert problems == []
    assert register.sensors[0].notes == "Regel een\nregel twee"


def test_files_are_merged(tmp_path):
    register, problems = load(tmp_path, {"a.csv": csv_text([row()]), "b.csv": csv_text([row(sensor_id="B-1")])})
    assert problems == [] and [s.sensor_id for s in register.sensors] == ["B-1", "HLV-T-001"]


# --- every mistake is reported with its file, line and column ---


def test_non_numeric_coordinate_reports_path_line_column_and_hint(tmp_path):
    text = csv_text([row(), row(sensor_id="HLV-T-002", latitude="52,2x")], delimiter=";")
    assert problems_of(tmp_path, {"gemeente.csv": text}) == [
        "data/sensors/gemeente.csv:3: latitude: '52,2x' is geen getal (bijvoorbeeld 52.2231)"
    ]


def test_unquoted_decimal_comma_gives_too_many_fields(tmp_path):
    text = csv_text([row()]) + csv_text([row(sensor_id="X-2")]).splitlines()[1].replace('"52.2256"', "52,2256")
    text = text.replace("52.2256", "52,2256", 2).replace('"52,2256"', "52,2256")
    found = problems_of(tmp_path, {"a.csv": text})
    assert any(p.startswith("data/sensors/a.csv:2: row: heeft 17 waarden, de eerste regel heeft 16 kolommen") for p in found)


def test_too_few_fields(tmp_path):
    text = csv_text([row()]).rstrip("\n").rsplit(",", 1)[0] + "\n"
    assert problems_of(tmp_path, {"a.csv": text})[0].startswith("data/sensors/a.csv:2: row: heeft 15 waarden")


def test_unbalanced_quote_names_the_line(tmp_path):
    text = csv_text([row(), row(sensor_id="X-2"), row(sensor_id="X-3")])
    lines = text.splitlines()
    lines[2] = lines[2].replace("Testsensor", '"Testsensor', 1)
    found = problems_of(tmp_path, {"a.csv": "\n".join(lines) + "\n"})
    assert any(p.startswith("data/sensors/a.csv:3: row:") and "aanhalingsteken" in p for p in found), found


def test_missing_required_column_and_duplicate_column_names(tmp_path):
    values = row()
    del values["purpose"]
    text = csv_text([values]).replace("measures,", "measures,measures,", 1).replace("Aantal voetgangers,", "x,x,", 1)
    found = problems_of(tmp_path, {"a.csv": text})
    assert "data/sensors/a.csv:1: purpose: verplichte kolom ontbreekt (voeg hem toe aan de eerste regel)" in found
    assert any(p.startswith("data/sensors/a.csv:1: measures: staat er twee keer") for p in found)


def test_unknown_column_gets_a_did_you_mean(tmp_path):
    text = csv_text([row()]).replace("latitude", "lattitude", 1)
    assert "data/sensors/a.csv:1: lattitude: is geen kolom van het register (bedoelt u 'latitude'?)" in (
        problems_of(tmp_path, {"a.csv": text})
    )


def test_empty_and_duplicate_ids_also_across_files(tmp_path):
    files = {"a.csv": csv_text([row(), row(sensor_id="")]), "b.csv": csv_text([row(sensor_id="hlv-t-001")])}
    found = problems_of(tmp_path, files)
    assert "data/sensors/a.csv:3: sensor_id: is leeg (deze waarde is verplicht)" in found
    assert any(
        p.startswith("data/sensors/b.csv:2: sensor_id: 'hlv-t-001' wordt twee keer gebruikt (ook op data/sensors/a.csv:2")
        for p in found
    )


def test_unknown_code_gets_a_did_you_mean(tmp_path):
    found = problems_of(tmp_path, {"a.csv": csv_text([row(status="actve", themes="air|verkeerr")])})
    assert "data/sensors/a.csv:2: status: 'actve' is geen bekende code (bedoelt u 'active'?)" in found
    assert "data/sensors/a.csv:2: themes: 'verkeerr' is geen bekende code (bedoelt u 'road_rail_traffic'?)" in found


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"latitude": "51.9225"}, "latitude: 51.92250, 5.17690 ligt buiten de gemeente"),
        ({"latitude": "5.1769", "longitude": "52.2256"}, "ligt buiten de gemeente"),
        ({"active_from": "2024-13-01"}, "active_from: '2024-13-01' is geen datum"),
        ({"active_from": "15/01/2024"}, "active_from: '15/01/2024' is geen datum (schrijf JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2024-03-15"),
        ({"active_until": "2023-12-31"}, "active_until: 2023-12-31 ligt vóór active_from 2024-01-15"),
        ({"processes_personal_data": "yes"}, "legal_basis: is leeg, terwijl de sensor persoonsgegevens verwerkt"),
        ({"processes_personal_data": "ja", "legal_basis": "public_task"}, "privacy_statement_url: is leeg, terwijl"),
        ({"processes_personal_data": "misschien"}, "processes_personal_data: 'misschien' is geen ja of nee"),
        ({"contact_email": "sensoren@hilversum"}, "contact_email: 'sensoren@hilversum' is geen e-mailadres"),
        ({"dpia_url": "javascript:alert(1)"}, "dpia_url: 'javascript:alert(1)' is geen webadres"),
        ({"summary": "x" * 351}, "summary: is 351 tekens lang (hoogstens 350"),
        ({"sensor_id": "HLV 001/a"}, "sensor_id: 'HLV 001/a' kan niet in een webadres"),
        ({"location_type": "area"}, "area: is leeg bij een sensor met location_type area"),
        ({"latitude": ""}, "latitude: maar één van de twee coördinaten is ingevuld"),
        ({"sensor_type": "other"}, "sensor_type_other: is leeg, terwijl sensor_type 'other' is"),
        ({"retention_days": "een maand"}, "retention_days: 'een maand' is geen geheel getal"),
        ({"name": "  "}, "name: is leeg (deze waarde is verplicht)"),
    ],
)
def test_each_content_rule(tmp_path, changes, expected):
    found = problems_of(
        tmp_path,
        {"a.csv": csv_text([row(**changes)], columns=list(VALID_ROW) + [c for c in changes if c not in VALID_ROW])},
    )
    assert any(p.startswith("data/sensors/a.csv:2: ") and expected in p for p in found), found


def test_every_problem_of_every_file_in_one_run(tmp_path):
    files = {
        "a.csv": csv_text([row(status="kapot"), row(sensor_id="A-2", contact_email="geen")]),
        "b.csv": csv_text([row(sensor_id="B-1", latitude="noord")], delimiter=";"),
    }
    found = problems_of(tmp_path, files)
    assert [p.split(":")[0] + ":" + p.split(":")[1] for p in found] == [
        "data/sensors/a.csv:2",
        "data/sensors/a.csv:3",
        "data/sensors/b.csv:2",
    ]


def test_file_that_is_not_text_or_has_no_delimiter(tmp_path):
    found = problems_of(tmp_path, {"a.csv": b"\x81\x8d\x8f\x90\x9d binary", "b.csv": "alleen een kolom\nwaarde\n"})
    assert any(p.startswith("data/sensors/a.csv:1: file: is geen UTF-8- en geen Windows-1252-tekst") for p in found)
    assert any(p.startswith("data/sensors/b.csv:1: header: heeft geen ',' of ';' tussen de kolomnamen") for p in found)


def test_badges_for_expired_registration_and_verification(tmp_path):
    values = row(active_until="2025-06-30", last_verified="2024-01-01")
    sensor = only_sensor(tmp_path, {"a.csv": csv_text([values])})
    assert sensor.registration_expired(datetime.date(2025, 7, 1))
    assert not sensor.registration_expired(datetime.date(2025, 6, 30))
    assert sensor.needs_verification(datetime.date(2025, 1, 2), 12)
    assert not sensor.needs_verification(datetime.date(2024, 12, 31), 12)


def test_the_readme_column_table_follows_the_schema():
    """Every column of the schema is documented, and the table names no column the schema lacks."""
    import re

    from conftest import ROOT
    from sensor_register.schema import SENSOR

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| column | required | what to write |") :].split("\n\n")[0]
    rows = table.splitlines()[2:]
    named = {name for line in rows for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])}
    optional = {name for line in rows if line.split("|")[1].strip() == "optional"
                for name in re.findall(r"`([a-z_]+)`", line.split("|")[3])}  # fmt: skip
    documented = named | optional
    assert set(SENSOR.names) <= documented, set(SENSOR.names) - documented
    assert documented <= set(SENSOR.names), documented - set(SENSOR.names)
    # What the table says of each column: required, required under a condition, or optional.
    said = {}
    for line in rows:
        cells = [cell.strip() for cell in line.split("|")[1:4]]
        names = re.findall(r"`([a-z_]+)`", cells[0 if cells[0] != "optional" else 2])
        said.update({name: {"yes": "required", "no": "optional"}.get(cells[1], "conditional") for name in names})
    for field in SENSOR:
        expected = "required" if field.required else "conditional" if field.condition else "optional"
        assert said[field.name] == expected, (field.name, said[field.name], expected)
