import sys
import time

from editor_files.messages import translate
from pelican.settings import read_settings

from content_check import collect_problems


def main():
    started = time.perf_counter()
    settings = read_settings(sys.argv[1] if len(sys.argv) > 1 else "pelicanconf.py")
    problems = collect_problems(settings)
    for problem in problems:
        print(problem)
    seconds = f"{time.perf_counter() - started:.1f}"
    if problems:
        print()
        print(translate(f"{len(problems)} problem(s) found ({seconds} s). Fix them; the site is built only when "
                        "everything is right."))  # fmt: skip
        return 1
    print(translate(f"All is well: content and data are checked ({seconds} s)."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
