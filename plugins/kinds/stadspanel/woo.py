# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Grounds for withholding under the Wet open overheid (Woo), read from data/vocabularies.yml.

Art. 7 of the collaboration agreement: reports are public unless municipality and panel agree
otherwise and that agreement is lawful under the Woo. So every withheld document or part names
its ground from this list (key `woo_grounds`: code -> article and label), never free text.
"""

from functools import partial
from pathlib import Path

from editor_files.memo import file_key, store
from editor_files.messages import msg
from editor_files.problems import Problem, editor_path
from editor_files.sources import read_text
from editor_files.yaml_text import load_yaml

from .records import WooGround

KEY = "woo_grounds"


READ_KEEP = 8  # a preview rebuild reads this again only when its bytes change


def load_woo_grounds(path, root="."):
    """See `_load_woo_grounds`; kept by the file's bytes."""
    key = file_key(path, str(Path(root).absolute()))
    return store("woo_grounds", READ_KEEP).get(key, partial(_load_woo_grounds, path, root))


def _load_woo_grounds(path, root="."):
    """({code: WooGround}, problems) from the vocabularies file."""
    path, shown = Path(path), editor_path(path, root)
    if not path.is_file():
        return {}, [Problem(shown, 1, "file", msg("is missing"), msg("it holds the code list '{key}'", key=KEY))]
    text, problems = read_text(path, shown)
    if text is None:
        return {}, problems
    document, problems = load_yaml(text, shown, what="file")
    if document is None:
        return {}, problems
    entries = document.data.get(KEY) if isinstance(document.data, dict) else None
    if not isinstance(entries, dict) or not entries:
        return {}, [Problem(shown, 1, KEY, msg("code list is missing or empty"),
                            msg("e.g. '5.1.2e': {{article: artikel 5.1 tweede lid onder e, label: ...}}"))]  # fmt: skip
    grounds = {}
    for code, spec in entries.items():
        if not isinstance(spec, dict) or not spec.get("article") or not spec.get("label"):
            problems.append(Problem(shown, document.line(KEY, code), f"{KEY}.{code}",
                                    msg("needs an 'article' and a 'label'")))  # fmt: skip
            continue
        grounds[str(code)] = WooGround(str(code), str(spec["article"]).strip(), str(spec["label"]).strip())
    return grounds, problems
