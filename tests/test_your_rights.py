# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""'Uw rechten' on every sensor that processes personal data, and on no other."""

import html as html_text

from conftest import SETTINGS, demo_records


def test_every_sensor_with_personal_data_says_what_a_resident_can_do(demo_site):
    texts = SETTINGS["UI"]["rights"]
    officer = SETTINGS["DATA_PROTECTION_OFFICER"]
    sensors = demo_records().register.sensors
    assert any(s.processes_personal_data for s in sensors) and not all(s.processes_personal_data for s in sensors)
    for sensor in sensors:
        page = html_text.unescape((demo_site / sensor.save_as).read_text(encoding="utf-8"))
        if not sensor.processes_personal_data:
            assert texts["heading"] not in page, sensor.sensor_id
            continue
        section = page[page.index('id="uw-rechten"'):]
        section = section[:section.index("</section>")]
        for right in texts["list"]:
            assert right in section, (sensor.sensor_id, right)
        assert f'href="mailto:{sensor.contact_email}"' in section
        assert f'href="{texts["authority_url"]}"' in section
        has_officer = f'mailto:{officer["email"]}' in section
        assert has_officer == (sensor.owner_type == "municipality"), sensor.sensor_id
