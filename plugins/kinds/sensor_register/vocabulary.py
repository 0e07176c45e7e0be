# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The register's code lists in data/vocabularies.yml (read by `editor_files.vocabularies`)."""

from editor_files.vocabularies import CodeList, Term, Vocabularies, load_code_lists

from .schema import SENSOR

__all__ = ["CODE_LISTS", "CodeList", "Term", "Vocabularies", "load_vocabularies"]

# Every code list a column draws from, in the schema's order: a new code column brings its own.
CODE_LISTS = tuple(dict.fromkeys(f.vocabulary for f in SENSOR if f.vocabulary))


def load_vocabularies(path, root="."):
    """(Vocabularies or None, problems) of the register's lists; kept by the file's bytes."""
    return load_code_lists(path, root, CODE_LISTS)
