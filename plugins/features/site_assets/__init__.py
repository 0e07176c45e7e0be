# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Site assets: the front-end files of pinned npm packages, served by the site itself.

VENDOR_ASSETS maps a path under the theme's output folder to a file in node_modules; the
municipality's design tokens (DESIGN_TOKENS, see design_tokens.py) add their CSS. Files are copied
at build time, never committed and never loaded from a CDN. A missing file fails the build with a
hint to install the packages.
"""

from pathlib import Path

from editor_files.messages import msg
from site_outputs import Output, record_free

from site_assets import design_tokens


class MissingAssetError(Exception):
    exitcode = 1


def state(build):
    """Checks the files exist before anything is written (the build copies them with its outputs)."""
    node_modules = Path(build.settings.get("NODE_MODULES", "node_modules"))
    sources = [node_modules / source for source in vendor_assets(build.settings).values()]
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
    for target, source in vendor_assets(settings).items():
        yield Output(f"{folder}/{target}", msg("the theme's own files"),
                     make=lambda g, s=source: node_modules / s)


def vendor_assets(settings):
    """{path under the theme's output folder: file in node_modules}: VENDOR_ASSETS and the token CSS."""
    assets = dict(settings.get("VENDOR_ASSETS", {}))
    if settings.get("DESIGN_TOKENS"):
        assets[design_tokens.STYLESHEET] = design_tokens.source(settings)
    return assets


def before_reading(settings):
    """THEME_COLOURS, for what is drawn at build time, come from the token package (not a setting)."""
    settings["THEME_COLOURS"] = design_tokens.build_colours(settings)
