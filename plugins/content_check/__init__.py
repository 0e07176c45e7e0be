"""Content check for editors: `make check` validates content and data without building the site.

Every plugin in REQUIRED_PLUGINS that offers `validate_sources(settings)` is asked for its
problems; each problem is one line `path:line: field: what is wrong (hint)`. All problems of
all files are printed at once. `Problem` and `editor_path` are the one place that format is
made; the plugins that read editors' files use them.
"""

import importlib
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in an editor's file, reported as `path:line: field: message (hint)`."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self):
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}: {self.field}: {self.message}{hint}"


def editor_path(path, root):
    """A path as editors see it: relative to the project folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)


REQUIRED_PAGE_FIELDS = {"pages": ["title"], "verhalen": ["title", "date"]}
PELICAN_META = re.compile(r"^([A-Za-z_][A-Za-z0-9_ -]*):\s*(.*)$")


def check_pelican_pages(settings):
    """The Markdown pages and stories Pelican reads itself: each needs its required fields."""
    problems = []
    content = Path(settings["PATH"])
    for folder, required in REQUIRED_PAGE_FIELDS.items():
        for path in sorted((content / folder).glob("*.md")):
            fields = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                match = PELICAN_META.match(line)
                if not match:
                    break
                fields[match.group(1).strip().lower()] = match.group(2).strip()
            for field in required:
                if not fields.get(field):
                    problems.append(f"{path}:1: {field}: missing (add a line '{field.title()}: ...' at the top)")
    return problems


def collect_problems(settings):
    problems = check_pelican_pages(settings)
    for name in settings.get("REQUIRED_PLUGINS", []):
        module = importlib.import_module(name)
        validate = getattr(module, "validate_sources", None)
        if validate:
            problems.extend(validate(settings))
    return problems
