import argparse
import itertools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

ROOT = Path(__file__).resolve().parents[2]
WATCHED = ["content", "data", "plugins", "theme", "pelicanconf.py"]
BUILDS = ROOT / ".output-preview"
CHECK = [sys.executable, "-m", "content_check"]
_numbers = itertools.count(1)
served = BUILDS / "0"  # the folder requests are answered from; replaced in one assignment


def pelican_command(output):
    return [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
            "-o", str(output), "--fatal", "warnings", "--log-handler", "plain"]  # fmt: skip


def build():
    """Check, then build into a new folder; serve it only when the build succeeded."""
    global served
    output = BUILDS / str(next(_numbers))
    for command in (CHECK, pelican_command(output)):
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            print("\nDe website is NIET bijgewerkt: los de fout(en) hierboven op en sla het bestand opnieuw op.\n",
                  flush=True)  # fmt: skip
            shutil.rmtree(output, ignore_errors=True)
            return False
    previous, served = served, output
    for old in BUILDS.iterdir():
        if old not in (previous, served):
            shutil.rmtree(old, ignore_errors=True)
    print("Website bijgewerkt.", flush=True)
    return True


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        self.site = served  # one folder for the whole request, whatever a rebuild does meanwhile
        super().__init__(*args, directory=str(self.site), **kwargs)

    def send_error(self, code, message=None, explain=None):
        page = self.site / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description="Build, serve and rebuild the site on changes.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args()
    shutil.rmtree(BUILDS, ignore_errors=True)
    served.mkdir(parents=True)
    build()
    server = ThreadingHTTPServer((args.bind, args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Voorbeeld van de website: http://localhost:{args.port}/  (stoppen: Ctrl+C)", flush=True)
    paths = [ROOT / p for p in WATCHED if (ROOT / p).exists()]
    try:
        for changes in watchfiles.watch(*paths, watch_filter=lambda _change, path: "__pycache__" not in path):
            print("Gewijzigd: " + ", ".join(sorted({Path(p).name for _, p in changes})), flush=True)
            build()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
