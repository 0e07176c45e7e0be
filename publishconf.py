"""Settings for the published site: pelicanconf.py plus what only production needs.

SITEURL comes from the environment, so the same build works at a domain root
(https://open.hilversum.nl) and under a sub-path (https://owner.github.io/repo).
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False

# Feeds and the sitemap need absolute addresses; without a SITEURL they are left out.
if SITEURL.startswith("http"):
    FEED_DOMAIN = ""
    FEED_ALL_ATOM = "feeds/verhalen.atom.xml"
