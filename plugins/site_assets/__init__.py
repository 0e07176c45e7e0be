"""Site assets: the front-end files of pinned npm packages, served by the site itself.

VENDOR_ASSETS maps a path under the theme's output folder to a file in node_modules. Files
are copied at build time, never committed and never loaded from a CDN. A missing file fails
the build with a hint to install the packages.
"""

from pathlib import Path

from editor_files.messages import translate
from site_outputs import Output, record_free


class MissingAssetError(Exception):
    exitcode = 1


def state(build):
    """Checks the files exist before anything is written (the build copies them with its outputs)."""
    node_modules = Path(build.settings.get("NODE_MODULES", "node_modules"))
    sources = [node_modules / source for source in build.settings.get("VENDOR_ASSETS", {}).values()]
    missing = [str(src) for src in sources if not src.is_file()]
    if missing:
        raise MissingAssetError(
            "Front-end files are missing (run `npm ci`, or any make target): " + ", ".join(missing)
        )
    return build


@record_free
def outputs(records, settings):
    """Every vendored file, copied from node_modules under the theme's output folder."""
    folder = settings.get("THEME_STATIC_DIR", "theme")
    node_modules = Path(settings.get("NODE_MODULES", "node_modules"))
    for target, source in settings.get("VENDOR_ASSETS", {}).items():
        yield Output(f"{folder}/{target}", translate("the theme's own files"),
                     make=lambda g, s=source: node_modules / s)

