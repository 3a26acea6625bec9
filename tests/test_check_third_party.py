"""scripts/check-third-party.py (part of `make lint`) on throwaway git repositories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check-third-party.py"
# Built here so this file does not itself carry licence text.
MIT_TEXT = "Permission is hereby granted, " + "free of charge, to any person obtaining a copy"
APACHE_TEXT = "Licensed under the " + "Apache " + "License, Version 2.0"


def _repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "repo"
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    return root


def _check(root: Path, shared: Path | None = None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, str(SCRIPT), "--root", str(root)]
    args += ["--shared", str(shared or root.parent / "no-shared")]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


OWN: dict[str, str | bytes] = {
    "README.md": "| asset | licence |\n| htmx | BSD-2-Clause |\n| Chart.js | MIT |\n",
    "pantau/x.py": "print('halo')\n",
    # Vendored assets on the allow-list keep their licence.
    "review_ui/static/htmx.min.js": "/* htmx */",
    "review_ui/static/htmx.LICENSE.txt": MIT_TEXT,
    "complaints/fonts/LICENSE": MIT_TEXT,
}


def test_own_files_and_allowed_vendored_assets_pass(tmp_path: Path) -> None:
    out = _check(_repo(tmp_path, OWN))
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize(
    ("name", "body", "problem"),
    [
        ("classifier/data/LICENSE", "any", "a licence file of another project"),
        ("tests/fixtures/upstream.LICENSE.md", "any", "a licence file of another project"),
        ("pantau/data/words.txt", "kata\n" + APACHE_TEXT, "carries licence text"),
        ("review_ui/static/other.min.js", "/* " + MIT_TEXT + " */", "carries licence text"),
        ("lib/x.py", "# SPDX-License-" + "Identifier: GPL-3.0\n", "carries licence text"),
        ("classifier/data/nusax/train.csv", "id,text\n", "named after a third-party dataset"),
        ("pantau/data/wilayah.csv", "kode,nama\n", "named after a third-party dataset"),
        ("tests/fixtures/real/x.json", "{}", "named after a third-party dataset"),
    ],
)
def test_third_party_files_fail_and_are_named(
    tmp_path: Path, name: str, body: str, problem: str
) -> None:
    out = _check(_repo(tmp_path, {**OWN, name: body}))
    assert out.returncode == 1
    assert f"{name}: {problem}" in out.stdout
    assert out.stdout.count("\n") >= 1 and "README.md" not in out.stdout


def test_a_byte_copy_of_shared_data_fails_whatever_its_name(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "datasets" / "posts").mkdir(parents=True)
    (shared / "datasets" / "posts" / "posts.jsonl").write_bytes(b'{"text": "contoh"}\n')
    root = _repo(tmp_path, {**OWN, "tests/data/sample.jsonl": b'{"text": "contoh"}\n'})
    out = _check(root, shared)
    assert out.returncode == 1
    assert "tests/data/sample.jsonl: a copy of ../shared/datasets/posts/posts.jsonl" in out.stdout
