"""Fixtures shared by the browser tests: a chromium page that may reach only the test's own server."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 90_000


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
        context.set_default_timeout(WAIT_MS)
        blocked: list[str] = []

        def offline(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:                      # no internet: the page must work without it
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", offline)
        pg = context.new_page()
        pg.blocked = blocked
        yield pg
        browser.close()
