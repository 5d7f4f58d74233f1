"""`make serve` (issue 24): it says how long the first build takes, and while the data is broken
the browser shows the French report instead of waiting for a site that never comes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import FIXTURES, ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_shows_the_french_report_while_the_data_is_broken(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGE43_")}
    env.update(INGE43_DATA=str(FIXTURES / "invalid" / "courriel" / "sans-arobase"), NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "inge43.tools.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with mkdocs below
        )
    try:
        deadline = time.monotonic() + 240
        while "Site prêt en" not in log.read_text(encoding="utf-8"):
            assert server.poll() is None, "make serve stopped:\n" + log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
        status, home = _get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "Les données sont à corriger" in home
        assert "Adresse électronique invalide." in home  # the check's own French message
        assert "Traceback" not in home
        status, other = _get(f"http://127.0.0.1:{port}/partenaires/inge43/")
        assert status == 404 and "Adresse électronique invalide." in other  # any address shows the report
        printed = log.read_text(encoding="utf-8")
        assert "Adresse électronique invalide." in printed  # and the terminal too
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
