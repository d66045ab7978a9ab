"""A live `fzcheck serve` on localhost for tests, and the system Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager

import pytest

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_server(max_bytes: int = 5 * 1024 * 1024, concurrency: int = 2):
    import uvicorn

    from checker.run.engine import Settings
    from checker.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(max_bytes=max_bytes), concurrency),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def chromium_path() -> str:
    """The system Chromium (Debian's package); browser downloads are not possible here."""
    path = os.environ.get("FZCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("FZCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (FZCHECK_REQUIRE_BROWSER=1) but not installed; run `make browser`")
        pytest.skip("Chromium is not installed (run `make browser`)")
    return path


@pytest.fixture(scope="module")
def browser():
    """The system Chromium, driven by Playwright, for a module's tests (skipped where it is missing)."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield instance
        instance.close()
