"""Sign-in in a real browser (Debian's chromium via Playwright): the app started with an auth file asks
for a name and password; a viewer then finds no upload, correct or delete control; an editor corrects
an event and sees their name on it."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from dashboard import auth
from dashboard.demo import ensure_seed
from dashboard.settings import Settings
from tests.conftest import CHROMIUM, streamlit_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(python3 dev.py setup installs it)"),
]

USERS = {"Vera": ("viewer", "look only"), "Erkin": ("editor", "fix things")}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on the seed's store, with an auth file of a viewer and an editor."""
    folder = tmp_path_factory.mktemp("signin")
    db = folder / "timeline.sqlite3"
    ensure_seed(Settings(db_path=db))
    users = folder / "users.toml"
    for name, (role, password) in USERS.items():
        auth.add_user(users, name, role, password)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VISIT_TIMELINE_AUTH_FILE", str(users))
        with streamlit_app(db, folder / "streamlit.log") as url:
            yield url


def sign_in(page, server: str, name: str) -> None:
    page.goto(server)
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(USERS[name][1])
    page.get_by_role("button", name=re.compile(r"Sign in$")).click()
    page.get_by_text(f"Signed in as {name}").wait_for()
    page.get_by_text("5 of 5 events").wait_for()


def test_nothing_is_shown_before_a_sign_in(server, page):
    page.goto(server)
    page.get_by_role("button", name=re.compile(r"Sign in$")).wait_for()
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 0


def test_a_viewer_finds_no_upload_correct_or_delete_control(server, page):
    sign_in(page, server, "Vera")
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("Correct this event").count() == 0
    assert page.get_by_text("Add an event by hand").count() == 0
    assert page.get_by_label("Your name (for the edit log)").count() == 0
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Articles").click()
    page.get_by_role("heading", name=re.compile(r"^Articles \(1\)")).wait_for()
    assert page.get_by_test_id("stFileUploader").count() == 0
    assert page.get_by_role("button", name=re.compile(r"Delete$")).count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_an_editor_corrects_an_event_and_sees_their_name_on_it(server, page):
    sign_in(page, server, "Erkin")
    page.get_by_text("Correct this event").click()
    save = page.get_by_role("button", name=re.compile(r"Save correction$"))
    save.wait_for()
    assert page.get_by_label("Your name (for the edit log)").count() == 0
    page.get_by_label("Title").fill("Welcomed at the airport")
    save.click()
    page.get_by_text("Corrected by Erkin").wait_for()
    assert page.get_by_test_id("stException").count() == 0


HAS_COOKIE = "() => document.cookie.includes('visit_timeline_session=')"


def test_a_reload_keeps_a_password_sign_in_until_sign_out(server, page):
    sign_in(page, server, "Vera")
    page.wait_for_function(HAS_COOKIE)        # the page sets it just after the sign-in
    page.reload()
    page.get_by_text("Signed in as Vera").wait_for()
    page.get_by_text("5 of 5 events").wait_for()
    assert page.get_by_role("textbox", name="Password").count() == 0
    cookie = next(c for c in page.context.cookies() if c["name"] == "visit_timeline_session")
    assert cookie["sameSite"] == "Strict" and USERS["Vera"][1] not in cookie["value"]
    assert "visit_timeline_session" not in page.url and cookie["value"] not in page.url
    page.get_by_role("button", name=re.compile(r"Sign out$")).click()
    page.get_by_role("button", name=re.compile(r"Sign in$")).wait_for()
    page.wait_for_function(f"() => !({HAS_COOKIE})()")
    page.reload()
    page.get_by_role("button", name=re.compile(r"Sign in$")).wait_for()
    assert page.get_by_text("Signed in as Vera").count() == 0
    assert not [c for c in page.context.cookies() if c["name"] == "visit_timeline_session"]
    page.context.add_cookies([cookie])        # a copy of the old cookie, put back: void after the sign-out
    page.reload()
    page.get_by_role("button", name=re.compile(r"Sign in$")).wait_for()
    assert page.get_by_text("Signed in as Vera").count() == 0
    page.wait_for_function(f"() => !({HAS_COOKIE})()")    # and the page throws the void cookie away
