# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""`make serve`'s own server: bad requests get a short 400, a closed tab is no error, and only local hosts are answered.

The server runs in this process on a free port, over a small served folder (no build needed).
"""

import http.client
import socket
import struct
import threading
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import live_preview.__main__
import pytest
from live_preview.__main__ import Preview, PreviewServer, handler_for
from pelican_adapter import FIRST_PASS_DONE

PAGE = b"<html><body><p>Hallo</p></body></html>"


@pytest.fixture
def server(tmp_path):
    preview = Preview(tmp_path)
    preview.start()
    (preview.served / "index.html").write_bytes(PAGE)
    running = PreviewServer(("127.0.0.1", 0), handler_for(preview))
    running.preview = preview  # for the tests
    thread = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()


def request(server, path, host=None, method="GET"):
    """(status, body) of one request with the Host header given (default: what a browser sends)."""
    port = server.server_port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def closed_with_a_reset(client):
    """Close as a browser does when its tab goes: at once, with a TCP reset."""
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "LOCALHOST", "localhost:{port}", "127.0.0.1:{port}"])
def test_local_hosts_get_the_page(server, host):
    status, body = request(server, "/", host.format(port=server.server_port))
    assert status == 200
    assert b"Hallo" in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "localhost:1", "192.168.1.5:{port}", "", None])  # fmt: skip
def test_other_hosts_are_refused_with_a_short_text(server, host, capfd):
    given = None if host is None else host.format(port=server.server_port)
    status, body = request(server, "/", given)
    assert status == 421
    assert body.decode().strip() == f"Dit voorbeeld is alleen bereikbaar op http://localhost:{server.server_port}/"
    assert b"Hallo" not in body
    assert "Traceback" not in capfd.readouterr().err


def test_a_host_refused_for_the_state_of_builds_too(server):
    status, body = request(server, "/__live_preview__/state?since=-1", "rebind.example")
    assert status == 421
    assert b"problems" not in body


@pytest.mark.parametrize("since", ["abc", "1.5", "9" * 5000, "", "1&since=2", "%00"])
def test_a_malformed_since_is_a_400_without_traceback(server, since, capfd):
    status, body = request(server, f"/__live_preview__/state?since={since}", "localhost")
    if since == "":  # an empty value counts as absent: the current state
        assert status == 200
        return
    assert status == 400
    assert "since= moet een geheel getal zijn" in body.decode()
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err + printed.out


def test_a_well_formed_since_gets_the_state(server):
    status, body = request(server, "/__live_preview__/state?since=-1", "localhost")
    assert status == 200
    assert b'"version": 0' in body


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_nul_in_the_address_is_a_400_without_traceback(server, method, capfd):
    status, _body = request(server, "/index%00.html", "localhost", method)
    assert status == 400
    printed = capfd.readouterr()
    assert printed.err == "" and printed.out == ""


def answered(server):
    """An event set when the server has done with the next request it takes (answered it, or handled its error)."""
    done = threading.Event()
    answer = server.process_request_thread

    def answer_and_tell(request, client_address):
        try:
            answer(request, client_address)
        finally:
            done.set()

    server.process_request_thread = answer_and_tell
    return done


def test_a_tab_closed_mid_answer_prints_nothing(server, capfd):
    """The reader goes away while a large file is being sent: the server carries on quietly."""
    (server.preview.served / "groot.bin").write_bytes(b"x" * 32_000_000)  # more than the socket buffers hold
    done = answered(server)
    client = socket.create_connection(("127.0.0.1", server.server_port))
    client.sendall(b"GET /groot.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert client.recv(1024).startswith(b"HTTP/1.0 200")
    closed_with_a_reset(client)
    assert done.wait(30)  # the server's next writes failed (not a fixed wait: no idle second)
    assert request(server, "/", "localhost")[0] == 200  # still serving
    printed = capfd.readouterr()
    assert printed.err == "" and printed.out == ""


def test_a_tab_closed_while_waiting_for_the_next_build_prints_nothing(server, capfd):
    done = answered(server)
    client = socket.create_connection(("127.0.0.1", server.server_port))
    client.sendall(b"GET /__live_preview__/state?since=0 HTTP/1.1\r\nHost: localhost\r\n\r\n")
    time.sleep(0.2)  # the request is held until the next build
    closed_with_a_reset(client)
    server.preview.announce([])  # the answer goes to a tab that is gone
    assert done.wait(30)
    assert request(server, "/", "localhost")[0] == 200
    printed = capfd.readouterr()
    assert printed.err == "" and printed.out == ""


def half_written_build(preview, path, older):
    """The next build's folder: its home page new, `path` still being written; the served build has `older` there."""
    newer = preview.builds / "1"
    (newer / path).parent.mkdir(parents=True)
    (newer / "index.html").write_bytes(PAGE.replace(b"Hallo", b"Nieuw"))
    (newer / path).write_bytes(b"<html><body><p>Half")
    (preview.served / path).parent.mkdir(exist_ok=True)
    (preview.served / path).write_bytes(PAGE.replace(b"Hallo", older))
    return newer


def test_a_pending_language_is_served_from_the_last_complete_build(server):
    """A build's first language is served before its further languages are written: their pages come from the
    build before meanwhile (never half-written), and each page says which build it is of."""
    preview = server.preview
    newer = half_written_build(preview, "en/index.html", b"Hello")
    preview.serve_build(newer, ["en"])
    status, body = request(server, "/", "localhost")
    assert b"Nieuw" in body and f'data-site="{preview.session}-1"'.encode() in body
    for path in ("/en/", "/en/index.html", "/%65n/", "/nl/../en/"):
        status, body = request(server, path, "localhost")
        assert status == 200 and b"Hello" in body and f'data-site="{preview.session}-0"'.encode() in body, path
    preview.pending = []
    assert b"Half" in request(server, "/en/", "localhost")[1]


def test_an_overview_still_being_written_is_served_from_the_last_complete_build(server):
    """A build serves its first language before its overviews (site_outputs.Output.overview) are written: a
    request for one, by any address of its file, gets the build before's until the build says it is written."""
    preview = server.preview
    newer = half_written_build(preview, "sensoren/index.html", b"Overzicht")
    preview.serve_build(newer, [], ["sensoren/index.html"])
    assert preview.state_after(-1)["pending"] == ["/sensoren/"]
    assert b"Nieuw" in request(server, "/", "localhost")[1]
    for path in ("/sensoren/", "/sensoren/index.html", "/%73ensoren/", "/en/../sensoren/", "//sensoren/"):
        status, body = request(server, path, "localhost")
        assert status == 200 and b"Overzicht" in body and f'data-site="{preview.session}-0"'.encode() in body, path
    preview.serve_first_language({"OUTPUT_PATH": str(newer)})  # the overviews are written
    assert preview.state_after(-1)["pending"] == []
    assert b"Half" in request(server, "/sensoren/", "localhost")[1]


def test_overview_data_still_being_written_is_answered_once_written(server):
    """A page of the new build may fetch an overview's data while it is written (a story's map fetches the map's
    sensors): the request waits for it and gets the new version, which nothing would reload the page for."""
    preview = server.preview
    newer = half_written_build(preview, "kaart/sensoren.geojson", b"Oud")
    preview.serve_build(newer, [], ["kaart/sensoren.geojson"])
    answers = []
    asking = threading.Thread(target=lambda: answers.append(request(server, "/kaart/sensoren.geojson", "localhost")))
    asking.start()
    asking.join(0.3)
    assert asking.is_alive() and not answers  # held while the build writes it
    (newer / "kaart" / "sensoren.geojson").write_bytes(b'{"type": "FeatureCollection"}')
    preview.serve_first_language({"OUTPUT_PATH": str(newer)})  # the overviews are written
    asking.join(10)
    assert answers == [(200, b'{"type": "FeatureCollection"}')]


def test_a_build_failing_after_its_first_language_was_served_serves_the_last_complete_one_again(server, monkeypatch):
    """A later pass's failure (rare: the content check runs first) is shown in the tab over the last complete
    build, whose pages are served again; the next save is served as usual."""
    preview = server.preview
    seen = []

    def settings(output):
        preview.further_languages = ["en"]
        preview.reuse.start(output, "inputs")
        return {"OUTPUT_PATH": str(output), FIRST_PASS_DONE: preview.serve_first_language}

    def build(settings, output_check, fails=True):
        output = Path(settings["OUTPUT_PATH"])
        output.mkdir()
        (output / "index.html").write_bytes(PAGE.replace(b"Hallo", b"Nieuw"))
        settings[FIRST_PASS_DONE](settings)
        seen.append((preview.state_after(-1), request(server, "/", "localhost")[1]))
        if fails:
            raise RuntimeError("the English pass failed")
        return SimpleNamespace(problems=[])

    monkeypatch.setattr(preview, "settings", settings)
    monkeypatch.setattr(live_preview.__main__, "build_site", build)
    monkeypatch.setattr(live_preview.__main__, "publish_changed_static_files", lambda settings: None)
    assert not preview.build()
    shown, page = seen[-1]
    assert shown["pending"] == ["en"] and shown["site"] == f"{preview.session}-1" and b"Nieuw" in page
    after = preview.state_after(shown["version"])
    assert after["problems"] == ["RuntimeError: the English pass failed"]
    assert after["site"] == f"{preview.session}-0" and after["pending"] == []
    assert b"Hallo" in request(server, "/", "localhost")[1]
    monkeypatch.setattr(live_preview.__main__, "build_site", partial(build, fails=False))
    assert preview.build()
    done = preview.state_after(seen[-1][0]["version"])
    assert done["site"] == f"{preview.session}-2" and done["pending"] == [] and done["problems"] == []
    assert b"Nieuw" in request(server, "/", "localhost")[1]
