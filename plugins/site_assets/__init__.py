"""Site assets: the front-end files of pinned npm packages, served by the site itself.

VENDOR_ASSETS maps a path under the theme's output folder to a file in node_modules; the
municipality's design tokens (DESIGN_TOKENS, see design_tokens.py) add their CSS. Files are copied
at build time, never committed and never loaded from a CDN. A missing file fails the build with a
hint to install the packages.
"""

from pathlib import Path

from editor_files.messages import translate
from pelican import signals
from site_outputs import Output, record_free, write_outputs

from site_assets import design_tokens


class MissingAssetError(Exception):
    exitcode = 1


class VendorAssetsGenerator:
    """Pelican generator: checks the files exist (context), then copies them (output)."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.settings = settings
        self.output_path = output_path
        self.node_modules = Path(settings.get("NODE_MODULES", "node_modules"))
        self.assets = vendor_assets(settings)

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
    for target, source in vendor_assets(settings).items():
        yield Output(f"{folder}/{target}", translate("the theme's own files"),
                     make=lambda g, s=source: node_modules / s)


def vendor_assets(settings):
    """{path under the theme's output folder: file in node_modules}: VENDOR_ASSETS and the token CSS."""
    assets = dict(settings.get("VENDOR_ASSETS", {}))
    if settings.get("DESIGN_TOKENS"):
        assets[design_tokens.STYLESHEET] = design_tokens.source(settings)
    return assets


def derive_theme_colours(pelican):
    """THEME_COLOURS, for what is drawn at build time, come from the token package (not a setting)."""
    pelican.settings["THEME_COLOURS"] = design_tokens.build_colours(pelican.settings)


def get_generators(pelican):
    return VendorAssetsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.initialized.connect(derive_theme_colours)
