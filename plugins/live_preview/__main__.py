import argparse
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

ROOT = Path(__file__).resolve().parents[2]
WATCHED = ["content", "data", "plugins", "theme", "pelicanconf.py"]
OUTPUT = ROOT / "output"
STAGING = ROOT / ".output-staging"


CHECK = [sys.executable, "-m", "content_check"]
PELICAN = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
           "-o", str(STAGING), "--fatal", "warnings", "--log-handler", "plain"]  # fmt: skip


def build():
    """Check, then build into the staging folder; swap it in only when the build succeeded."""
    for command in (CHECK, PELICAN):
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            print("\nDe website is NIET bijgewerkt: los de fout(en) hierboven op en sla het bestand opnieuw op.\n",
                  flush=True)  # fmt: skip
            return False
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    STAGING.rename(OUTPUT)
    print("Website bijgewerkt.", flush=True)
    return True


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(OUTPUT), **kwargs)

    def send_error(self, code, message=None, explain=None):
        page = OUTPUT / "404.html"
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
    build()
    OUTPUT.mkdir(exist_ok=True)
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
