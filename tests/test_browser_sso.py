"""Single sign-on in a real browser, offline: Streamlit's st.login against a local OpenID Connect
provider (tests/oidc_provider.py) configured in a temporary secrets.toml. An editor known by e-mail
signs in, corrects an event that then says it was corrected by them, is still signed in after a
reload, uploads an article (signed with their e-mail), and signs out; an account with no role is refused and sees no data."""
from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import auth
from dashboard.demo import ensure_seed
from dashboard.settings import Settings
from dashboard.timeline import Timeline
from tests.conftest import CHROMIUM, WAIT_MS, streamlit_app
from tests.oidc_provider import Provider, oidc_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(python3 dev.py setup installs it)"),
]

EDITOR = {"email": "erkin@newsroom.example", "name": "Erkin T.", "email_verified": True}
STRANGER = {"email": "guest@elsewhere.example", "name": "A Guest", "email_verified": True}


ARTICLE = Path(__file__).resolve().parent / "fixtures" / "visits" / "tokayev_khiva_en_2026-05-21.txt"


@dataclass
class Site:
    url: str
    provider: Provider
    db: Path


def secrets_toml(provider: Provider) -> str:
    return (f'[auth]\nredirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_urlsafe(32)}"\n\n'
            f'[auth.newsroom]\nclient_id = "{provider.client_id}"\n'
            f'client_secret = "{provider.client_secret}"\nserver_metadata_url = "{provider.metadata_url}"\n')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The app on the seed's store with an auth file (the editor by e-mail, no password), its
    secrets.toml pointing st.login at the local provider."""
    folder = tmp_path_factory.mktemp("sso")
    db = folder / "timeline.sqlite3"
    ensure_seed(Settings(db_path=db))
    users = folder / "users.toml"
    auth.add_user(users, "Erkin", "editor", None, email=EDITOR["email"])
    with oidc_provider("visit-timeline", secrets.token_urlsafe(16)) as provider:
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(secrets_toml(provider), encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("VISIT_TIMELINE_AUTH_FILE", str(users))
            mp.setenv("STREAMLIT_SECRETS_FILES", str(secrets_file))   # never the user's own ~/.streamlit
            with streamlit_app(db, folder / "streamlit.log") as url:
                yield Site(url, provider, db)


@pytest.fixture
def browser_page(site):
    """A chromium page that may reach only the app and the provider (no internet)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            (site.url, site.provider.url)) else route.abort())
        yield context.new_page()
        browser.close()


def sign_in(page, site: Site, account: dict[str, object]) -> None:
    site.provider.next_account = account
    page.goto(site.url)
    page.get_by_role("button", name=re.compile(r"Sign in with Newsroom$")).click()


def test_an_editor_signs_in_by_e_mail_corrects_and_stays_signed_in(site, browser_page):
    page = browser_page
    issued = site.provider.tokens_issued
    sign_in(page, site, EDITOR)
    page.get_by_text(f"Signed in as {EDITOR['email']}").wait_for()
    assert site.provider.tokens_issued == issued + 1       # a real code-for-token exchange took place
    page.get_by_text("5 of 5 events").wait_for()
    page.get_by_text("Correct this event").click()
    save = page.get_by_role("button", name=re.compile(r"Save correction$"))
    save.wait_for()
    page.get_by_label("Title").fill("Met at the airport by the governor")
    save.click()
    page.get_by_text(f"Corrected by {EDITOR['email']}").wait_for()
    page.reload()                                           # Streamlit's identity cookie keeps the sign-in
    page.get_by_text(f"Signed in as {EDITOR['email']}").wait_for()
    assert page.get_by_role("textbox", name="Password").count() == 0
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Articles").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(ARTICLE))   # XSRF is on with [auth]
    page.get_by_role("button", name="Store").click()
    page.get_by_text(re.compile(rf"{re.escape(ARTICLE.name)}: \d+ events? added")).wait_for()
    assert page.get_by_test_id("stException").count() == 0
    log = Timeline(Settings(db_path=site.db)).edits(every_write=True)
    ingests = log.loc[log["action"] == "ingest", "author"].tolist()      # the seed's, then theirs
    assert len(ingests) == 2 and ingests.count(EDITOR["email"]) == 1
    page.get_by_role("button", name=re.compile(r"Sign out$")).click()     # st.logout: the cookie goes
    sign_in_button = page.get_by_role("button", name=re.compile(r"Sign in with Newsroom$"))
    sign_in_button.wait_for()
    page.reload()
    sign_in_button.wait_for()
    assert page.get_by_text(f"Signed in as {EDITOR['email']}").count() == 0
    assert page.locator(".js-plotly-plot").count() == 0


def test_an_account_without_a_role_is_refused_and_sees_no_data(site, browser_page):
    page = browser_page
    sign_in(page, site, STRANGER)
    page.get_by_text("this account has no role here").wait_for()
    page.get_by_text(str(STRANGER["email"])).first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert page.get_by_test_id("stException").count() == 0
