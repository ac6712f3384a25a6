"""Headless Chromium for the browser tests: the system's Chromium, never a downloaded one,
and a built site served on a free local port.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run`` and ``make test``
install it). If it cannot be found, the tests fail: they never skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

# The flags this machine's Chromium needs: no sandbox as root, and no calls to
# Google's servers, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The system's Chromium: ``$CHROMIUM``, or ``chromium`` on the PATH."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not os.access(found, os.X_OK):
        pytest.fail(
            "Chromium was not found, so the browser tests cannot run. Install it "
            "(Debian: apt-get install chromium; `make test` does this when it can) "
            "or set CHROMIUM to its path.",
            pytrace=False,
        )
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass




@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on a free local port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's Chromium, headless."""
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
