"""The task pane's files: served from the API's origin with the headers Office needs."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from addin_server.api.taskpane import asset_version

SIDEBAR_ORIGIN = "https://n-abc123-0lu-script.googleusercontent.com"


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


def test_the_bare_address_opens_the_task_pane_in_the_browser_host(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/taskpane/?host=browser")


def test_the_page_is_html_with_a_policy_that_office_can_frame(client: FlaskClient) -> None:
    response = client.get("/taskpane/?host=browser")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Frame-Options" not in response.headers
    csp = _csp(response)
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp["script-src"]  # no inline script, ever
    assert "https://appsforoffice.microsoft.com" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]  # Office on the web injects inline styles
    for framer in (
        "https://*.officeapps.live.com",
        "https://*.sharepoint.com",
        "https://*.cloud.microsoft",
    ):
        assert framer in csp["frame-ancestors"]
    assert csp["connect-src"] == "connect-src 'self'"
    assert "appsforoffice" not in response.get_data(as_text=True)  # only Word loads Office.js


def test_word_gets_office_js_and_no_inline_script(client: FlaskClient) -> None:
    html = client.get("/taskpane/?host=word").get_data(as_text=True)
    assert '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js">' in html
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
        assert script.strip() == ""


def test_the_page_points_at_versioned_files_cached_for_a_year(client: FlaskClient) -> None:
    html = client.get("/taskpane/").get_data(as_text=True)
    version = asset_version()
    assert f'src="v/{version}/main.js"' in html
    assert f'href="v/{version}/styles.css"' in html
    cached = client.get(f"/taskpane/v/{version}/app.js")
    assert cached.status_code == 200
    assert "immutable" in cached.headers["Cache-Control"]
    assert "max-age=31536000" in cached.headers["Cache-Control"]
    # An old page asking for files that have changed since gets the current ones, uncached.
    stale = client.get("/taskpane/v/000000000000/app.js")
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert client.get("/taskpane/").headers["Cache-Control"] == "no-cache"


def test_modules_are_javascript_and_google_docs_may_load_them(client: FlaskClient) -> None:
    response = client.get("/taskpane/main.js", headers={"Origin": SIDEBAR_ORIGIN})
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Access-Control-Allow-Origin"] == SIDEBAR_ORIGIN
    foreign = client.get("/taskpane/main.js", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_nothing_outside_the_pane_is_served(client: FlaskClient) -> None:
    assert client.get("/taskpane/../pyproject.toml").status_code == 404
    assert client.get("/taskpane/%2e%2e/setup.py").status_code == 404
    assert client.get("/taskpane/missing.js").status_code == 404
    assert client.get("/taskpane/index.html").status_code == 404  # only through /taskpane/
