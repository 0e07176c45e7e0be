# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Editor files: how the portal reads what editors commit, safely, and how it tells them what is wrong.

Not a Pelican plugin but the library every reader uses:
- `problems`: the one `Problem` type (`path:line: field: message (hint)`), did-you-mean, paths;
- `sources`: which files exist (symbolic links refused, unknown files named) and how bytes become text;
- `front_matter`: YAML front matter and Pelican's `Key: value` lines, without aliases, tags or duplicates;
- `markdown_text`: every editor text through one Markdown pipeline and one HTML allow-list;
- `schema`: a record kind's fields, declared once, driving reading, validation, exports and pages.
"""
