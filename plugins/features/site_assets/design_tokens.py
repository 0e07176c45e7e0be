# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The municipality's design tokens: an NL Design System token package, named by DESIGN_TOKENS.

DESIGN_TOKENS = {"package": npm package, "css": its CSS file, "class": the class that switches its tokens
on}. The site serves the package's CSS as its own file and puts the class on every page's root element;
the theme's CSS reads only the tokens' custom properties. What is drawn at build time (charts and the
stories' thumbnails are SVG with colours written in) reads the same tokens here, resolved from the CSS.
"""

import re
from pathlib import Path

# Where the token CSS is served, under the theme's output folder: the same for every package.
STYLESHEET = "vendor/nlds/theme.css"

# The colours drawn at build time (THEME_COLOURS), each a token every NL Design System "basis" set has.
# Each is a text colour on the page's background, so a chart's lines and dots keep at least 3:1 on white.
BUILD_COLOURS = {
    "primary": "--basis-color-accent-1-color-default",
    "primary_dark": "--basis-color-accent-1-color-hover",
    "accent": "--basis-color-action-2-color-default",
    "focus": "--basis-focus-background-color",
}

_PROPERTY = re.compile(r"(--[\w-]+)\s*:\s*([^;{}]+);")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def source(settings):
    """The token CSS file in node_modules, relative to it: '<package>/<css>'."""
    tokens = settings["DESIGN_TOKENS"]
    return f"{tokens['package']}/{tokens['css']}"


def custom_properties(css):
    """{name: value} of every custom property the CSS declares (the last declaration wins)."""
    return {name: value.strip() for name, value in _PROPERTY.findall(css)}


def resolve(properties, value, depth=0):
    """A value with every var() replaced by what it points to (or its fallback); None if it cannot be."""
    if depth > 20:
        return None
    missing = False

    def substitute(match):
        nonlocal missing
        name, fallback = match.group(1), match.group(2)
        if name in properties:
            resolved = resolve(properties, properties[name], depth + 1)
        else:
            resolved = fallback.strip() if fallback else None
        if resolved is None:
            missing = True
            return ""
        return resolved

    result = _VAR.sub(substitute, value)
    return None if missing else result


def build_colours(settings):
    """THEME_COLOURS for what is drawn at build time: {key: '#rrggbb'}, only the tokens the package has.

    An empty mapping when the package is not installed: the build then stops on the missing file
    (VendorAssetsGenerator), with the hint to install the packages.
    """
    if not settings.get("DESIGN_TOKENS"):
        return {}
    path = Path(settings.get("NODE_MODULES", "node_modules")) / source(settings)
    if not path.is_file():
        return {}
    properties = custom_properties(path.read_text(encoding="utf-8"))
    colours = {}
    for key, token in BUILD_COLOURS.items():
        value = resolve(properties, properties.get(token, ""))
        if value and _HEX.fullmatch(value.strip()):
            colours[key] = value.strip().lower()
    return colours
