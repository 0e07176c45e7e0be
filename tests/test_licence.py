# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Anyone may reuse the code: the EUPL-1.2 in full, and a publiccode.yml that catalogues can read.

The keys and value lists are those of the publiccode.yml standard (schema.core and its categories list).
"""

import datetime
import json
import subprocess
import sys
import tomllib

import yaml
from conftest import ROOT

PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
                  "standalone/other", "addon", "library", "configurationFiles"}  # fmt: skip
MAINTENANCE = {"internal", "contract", "community", "none"}
# The part of the standard's controlled vocabulary this portal could use.
CATEGORIES = {"content-management", "data-analytics", "data-collection", "data-visualization", "digital-citizenship",
              "document-management", "geographic-information-systems", "knowledge-management", "website-builder"}  # fmt: skip


def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_the_licence_is_the_eupl_in_full_and_every_manifest_says_so():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and len(text) > 12_000  # the whole licence, with its list of compatible licences
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["license"] == "EUPL-1.2"
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "EUPL-1.2"
    assert publiccode()["legal"]["license"] == "EUPL-1.2"


def test_publiccode_has_every_key_a_released_product_needs():
    code = publiccode()
    for key in ("publiccodeYmlVersion", "name", "url", "softwareVersion", "releaseDate", "platforms", "categories",
                "developmentStatus", "softwareType", "description", "legal", "maintenance", "localisation"):
        assert code.get(key), key
    assert code["url"].startswith("https://")
    assert set(code["platforms"]) <= PLATFORMS
    assert code["categories"] and set(code["categories"]) <= CATEGORIES
    assert code["developmentStatus"] in STATUSES
    assert code["softwareType"] in SOFTWARE_TYPES
    assert code["maintenance"]["type"] in MAINTENANCE and code["maintenance"]["contacts"]
    datetime.date.fromisoformat(code["releaseDate"])
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert code["softwareVersion"] == version


def test_publiccode_describes_it_in_dutch_and_english():
    code = publiccode()
    assert {"nl", "en"} <= set(code["description"])
    for text in code["description"].values():
        assert 0 < len(text["shortDescription"]) <= 150
        assert 150 <= len(text["longDescription"]) <= 10_000
        assert text["features"]
    assert code["localisation"]["localisationReady"] is True
    assert {"nl", "en"} <= set(code["localisation"]["availableLanguages"])


def test_every_file_names_its_licence_as_reuse_checks_it():
    """REUSE: each file says under which licence it is (an SPDX header, or REUSE.toml for data and files
    without comments), and each licence named has its full text in LICENSES/. `reuse lint` is the check."""
    result = subprocess.run([sys.executable, "-m", "reuse", "--root", str(ROOT), "lint"], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Used licenses: CC0-1.0, EUPL-1.2" in result.stdout
