"""The real server process: both APIs over HTTP, and the user's text never in its logs."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.conftest import LiveServer
from tests.invariants import assert_v1_offsets, assert_v2_offsets


def test_the_readme_curl_example(live_server: LiveServer) -> None:
    response = requests.post(
        live_server.url + "/v1/check",
        data='{"text":"Their is a error in this sentance."}',
        headers={"content-type": "application/json"},
        timeout=30,
    )
    issues = response.json()["issues"]
    assert [(i["text"], i["offset"], i["length"]) for i in issues] == [
        ("Their", 0, 5),
        ("a", 9, 1),
        ("sentance", 25, 8),
    ]


def test_both_apis_over_http_with_emoji(live_server: LiveServer) -> None:
    text = "Their is a error in this sentance. 👍🏽 He go home."
    v1 = requests.post(live_server.url + "/v1/check", json={"text": text}, timeout=30)
    assert v1.status_code == 200
    assert_v1_offsets(text, v1.json()["issues"])
    assert {"Their", "a", "sentance", "go"} <= {i["text"] for i in v1.json()["issues"]}
    v2 = requests.post(
        live_server.url + "/v2/check", data={"text": text, "language": "en-US"}, timeout=30
    )
    assert v2.status_code == 200
    assert_v2_offsets(text, v2.json()["matches"])


def test_user_text_never_reaches_the_logs(live_server: LiveServer) -> None:
    marker = f"Zqx{uuid.uuid4().hex[:10]}"
    text = f"Their is a error, {marker} said."
    url = live_server.url
    requests.post(url + "/v1/check", json={"text": text}, timeout=30)
    requests.post(url + "/v2/check", data={"text": text, "language": "en-US"}, timeout=30)
    requests.get(url + "/v2/check", params={"text": text, "language": "en-US"}, timeout=30)
    requests.post(url + "/v1/check", json={"text": text, "language": 5}, timeout=30)
    requests.post(
        url + "/v1/check",
        data=f'{{"text": "{marker}',
        timeout=30,
        headers={"content-type": "application/json"},
    )
    requests.post(url + "/v1/check", json={"text": text, marker: 1}, timeout=30)
    requests.get(url + f"/{marker}", timeout=30)
    assert requests.get(url + "/healthz", timeout=30).status_code == 200
    log = live_server.log()
    assert "POST /v1/check 200" in log  # the request log works...
    assert marker not in log  # ...and never carries the text


@pytest.mark.slow
def test_the_dev_server_keeps_query_strings_out_of_its_log(tmp_path) -> None:
    import os
    import subprocess
    import time

    from tests.conftest import SERVER, free_port

    port = free_port()
    log_path = tmp_path / "dev.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [str(SERVER), "serve", "--dev", "--port", str(port)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                requests.get(url + "/healthz", timeout=5)
                break
            except requests.RequestException:  # not up yet, or still importing
                time.sleep(0.2)
        marker = f"Zqx{uuid.uuid4().hex[:10]}"
        response = requests.get(url + "/v2/check", params={"text": marker}, timeout=10)
        assert response.status_code == 405
        deadline = time.monotonic() + 15
        while "/v2/check" not in log_path.read_text(errors="replace"):
            assert time.monotonic() < deadline, "the dev server never logged the request"
            time.sleep(0.2)
        assert marker not in log_path.read_text(errors="replace")
    finally:
        os.killpg(process.pid, 15)
        process.wait(10)
