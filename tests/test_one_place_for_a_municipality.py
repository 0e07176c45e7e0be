"""Another municipality adopts the portal by its settings: no municipality's name in what residents read
that does not come from the settings (templates and the interface texts)."""

from conftest import ROOT, SETTINGS


def test_no_municipality_name_in_templates_or_interface_texts():
    name = SETTINGS["MUNICIPALITY_SHORT"]
    assert name, "the demo names its municipality in the settings"
    files = [*(ROOT / "theme/templates").glob("*.html"), *(ROOT / "theme").glob("strings.*.yml")]
    found = [f"{path.relative_to(ROOT)}:{number}" for path in files
             for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if name in line]  # fmt: skip
    assert not found, found


def test_the_municipality_reaches_the_pages_through_the_settings(demo_site):
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert SETTINGS["SITENAME"] in home
