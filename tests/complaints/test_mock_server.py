"""The mock complaint server itself: dedupe, refusals, reconfiguration, bad options."""

from __future__ import annotations

import subprocess
import sys

import httpx

ROUTE = "/api/v1/complaints"
BODY = {"title": "t", "content": "c", "external_reference": "PNT/2024/000001"}


def test_dedupes_on_the_key_and_refuses_reuse_with_another_body(mock_server):
    mock = mock_server()
    post = lambda body, key="k-1": httpx.post(  # noqa: E731
        mock.url + ROUTE, json=body, headers={"Idempotency-Key": key}, timeout=5
    )
    first, again = post(BODY), post(BODY)
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert post({**BODY, "content": "lain"}).status_code == 422
    assert post(BODY, key="").status_code == 400
    assert post({"title": "tanpa isi"}, key="k-2").status_code == 422
    assert httpx.post(mock.url + "/tidak-ada", json=BODY, timeout=5).status_code == 404
    assert len(mock.received()) == 1
    assert httpx.get(mock.url + "/_stats", timeout=5).json()["received"] == 1


def test_reconfigure_and_bad_configuration(mock_server, tmp_path):
    mock = mock_server()
    bad = httpx.post(mock.url + "/_faults", json={"faults": ["meteor"]}, timeout=5)
    assert bad.status_code == 400
    mock.configure(script=["500"])
    headers = {"Idempotency-Key": "k"}
    assert httpx.post(mock.url + ROUTE, json=BODY, headers=headers).status_code == 500
    assert httpx.post(mock.url + ROUTE, json=BODY, headers=headers).status_code == 201
    out = subprocess.run(
        [sys.executable, "-m", "complaints.mock_server", "--db", str(tmp_path / "m.db"),
         "--fault-rate", "2"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode != 0 and "rate 2.0" in out.stderr
