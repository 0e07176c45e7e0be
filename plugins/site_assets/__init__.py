"""Site assets: the front-end files of pinned npm packages, served by the site itself.

VENDOR_ASSETS maps a path under the theme's output folder to a file in node_modules. Files
are copied at build time, never committed and never loaded from a CDN. A missing file fails
the build with a hint to install the packages.
"""

import shutil
from pathlib import Path

from editor_files.messages import translate
from pelican import signals


class MissingAssetError(Exception):
    exitcode = 1


class VendorAssetsGenerator:
    """Pelican generator: checks the files exist (context), then copies them (output)."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.settings = settings
        self.output_path = Path(output_path) / settings.get("THEME_STATIC_DIR", "theme")
        self.node_modules = Path(settings.get("NODE_MODULES", "node_modules"))
        self.assets = settings.get("VENDOR_ASSETS", {})

    def sources(self):
        return {target: self.node_modules / source for target, source in self.assets.items()}

    def generate_context(self):
        missing = [str(src) for src in self.sources().values() if not src.is_file()]
        if missing:
            raise MissingAssetError(
                "Front-end files are missing (run `npm ci`, or any make target): " + ", ".join(missing)
            )

    def generate_output(self, writer):
        for target, source in self.sources().items():
            destination = self.output_path / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)


def output_paths(records, settings):
    """{file this plugin writes (a * matches any text): whose it is}; no page may take one."""
    return {settings.get("THEME_STATIC_DIR", "theme") + "/*": translate("the theme's own files")}


def get_generators(pelican):
    return VendorAssetsGenerator


def register():
    signals.get_generators.connect(get_generators)
