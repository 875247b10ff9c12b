# conftest-codemods: e2e layer of conftest.py (version 0.1.0), loaded when asked.
from conftest_codemods_runtime import memory_profile

import subprocess
import sys
import urllib.request

import pytest


# ---- End to end: a real server process and a tiny "browser" ----------------


@pytest.fixture(scope="session")
@memory_profile("e2e site", "VERY_HIGH")
def e2e_site(tmp_path_factory, settings):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(f"<h1>{settings['shop_name']}</h1>", encoding="utf-8")
    return site


@pytest.fixture(scope="session")
@memory_profile("live server", "VERY_HIGH")
def live_server(e2e_site):
    # Port 0: the server picks a free port and announces it on its first line of output.
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=e2e_site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = process.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41234 (...) ..."
        port = int(banner.split(" port ")[1].split()[0])
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
@memory_profile("A very small browser: fetches a page from the live server.", "HIGH")
def browser(live_server):
    """A very small browser: fetches a page from the live server."""

    def open_page(path="/"):
        with urllib.request.urlopen(live_server + path, timeout=5) as response:
            return response.status, response.read().decode("utf-8")

    return open_page
