"""Live preview for editors: `make serve`.

Builds the site, serves it at http://localhost:8000 and rebuilds when anything in content/,
data/, plugins/, theme/ or the settings changes. Each build runs in a fresh process (so plugin
changes count) into a staging folder; only a build that succeeds replaces what is served, so a
mistake shows its message in the terminal while the last good site stays up.
"""
