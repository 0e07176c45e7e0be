"""Site assets: the front-end files of pinned npm packages, served by the site itself.

VENDOR_ASSETS maps a path under the theme's output folder to a file in node_modules. Files
are copied at build time, never committed and never loaded from a CDN. A missing file fails
the build with a hint to install the packages.
"""

from pathlib import Path

from editor_files.messages import msg
from pelican import signals
from site_outputs import Output, record_free, write_outputs


class MissingAssetError(Exception):
    exitcode = 1


class VendorAssetsGenerator:
    """Pelican generator: checks the files exist (context), then copies them (output)."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.settings = settings
        self.output_path = output_path
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
        write_outputs(self, writer, outputs(None, self.settings))


@record_free
def outputs(records, settings):
    """Every vendored file, copied from node_modules under the theme's output folder."""
    folder = settings.get("THEME_STATIC_DIR", "theme")
    node_modules = Path(settings.get("NODE_MODULES", "node_modules"))
    for target, source in settings.get("VENDOR_ASSETS", {}).items():
        yield Output(f"{folder}/{target}", msg("the theme's own files"),
                     make=lambda g, s=source: node_modules / s)


def get_generators(pelican):
    return VendorAssetsGenerator


def register():
    signals.get_generators.connect(get_generators)
