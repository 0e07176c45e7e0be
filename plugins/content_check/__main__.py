import sys
import time

from pelican.settings import read_settings

from content_check import collect_problems


def main():
    started = time.perf_counter()
    settings = read_settings(sys.argv[1] if len(sys.argv) > 1 else "pelicanconf.py")
    problems = collect_problems(settings)
    for problem in problems:
        print(problem)
    seconds = time.perf_counter() - started
    if problems:
        print(
            f"\n{len(problems)} probleem/problemen gevonden ({seconds:.1f} s). Los ze op; de website wordt pas "
            "gebouwd als alles klopt."
        )
        return 1
    print(f"Alles in orde: inhoud en gegevens zijn gecontroleerd ({seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
