# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Live preview for editors: `make serve`.

Builds the site, serves it at http://localhost:8000 and rebuilds when anything in content/,
data/, plugins/, theme/ or the settings changes. Builds run in this one long-lived process
(`site_build`: content check, then Pelican), so what did not change is reused: Python and its
libraries stay loaded, compiled templates are kept (by their source), Stadspanel documents and
register rows are read and validated again only when their bytes change, and charts and QR codes
are drawn again only when what they show changes: all in the one `editor_files.memo.BuildCache`
this process owns for its session (passed to every build as the setting BUILD_CACHE). Pages whose
dependencies (what their template receives) are unchanged are taken over from the last good build
instead of being rendered (`reuse`). A change under plugins/ restarts the process, so plugin code
always counts.

Each build goes into a staging folder that is not served: the folder of the build before last,
renamed (its unchanged pages stay as they are, see `reuse`), or a new one; only a build that
succeeds replaces what is served. The site's first language (Dutch, at the root) is served as soon
as its pass is done (pelican_adapter's FIRST_PASS_DONE) but for its overviews (the files that show every
record of a kind, or many: site_outputs.Output.overview, written next), before the further languages' passes
and the finishing (sitemap): meanwhile the state names those languages and the overviews' addresses
"pending", and they come from the last complete build (never a half-written page); a build that fails after
that serves the last complete one again. Older builds are removed in the background (20,000 pages take
seconds to delete).
Every HTML page served gets one extra script, `/__live_preview__/reload.js` (a file, never
inline; only in the preview, never in output/), which knows the build its page is of. It waits
for the next build: after a successful one the tab reloads itself once its page (its language, or its
address) is no longer pending, after a failed one it shows the editor's problems (`file:line: ...`) above
the last good version of the page.
"""
