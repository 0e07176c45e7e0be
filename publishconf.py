# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Settings for the published site: pelicanconf.py plus what only production needs.

SITEURL comes from the environment, so the same build works at a domain root
(https://open.example.nl) and under a sub-path (https://owner.github.io/repo).
"""

import importlib.util
import os
from pathlib import Path


def _development_settings():
    """pelicanconf.py beside this file, loaded by path (Pelican loads settings files the same way)."""
    spec = importlib.util.spec_from_file_location("pelicanconf", Path(__file__).with_name("pelicanconf.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if name.isupper()}


globals().update(_development_settings())

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
# A published site may not send residents to a placeholder address (publication_safety.placeholders),
# unless it says it shows example data.
PUBLISH_REFUSES_PLACEHOLDERS = True
RELATIVE_URLS = False

# Feeds and the sitemap need absolute addresses; without a SITEURL they are left out.
if SITEURL.startswith("http"):
    FEED_DOMAIN = ""
    FEED_ALL_ATOM = "feeds/verhalen.atom.xml"
