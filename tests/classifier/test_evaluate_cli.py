"""`pantau evaluate` as a user runs it: a subprocess against a real database, scoring with
the registry in the database (as triage does) plus one loaded for the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEADER = (
    "contest_code,contest_name,level,region_code,election_date,campaign_start,campaign_end,"
    "number,names,nicknames,parties,slogans,hashtags\n"
)
POSTS = [
    {"text": "Ayo coblos Mas Wira nomor 1, pasti menang!", "partisan": 1, "source": "a"},
    {"text": "Bu Sekar terbaik, lanjutkan dua periode!", "partisan": 1, "source": "b"},
    {"text": "Hujan deras sore ini, jalanan banjir lagi", "partisan": 0, "source": "a"},
    {"text": "Resep sambal terasi yang enak dan gampang", "partisan": 0, "source": "b",
     "set": "everyday"},
]  # fmt: skip


def pantau(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], capture_output=True, text=True, timeout=300
    )


def _csv(path: Path, rows: str) -> Path:
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_evaluate_scores_with_the_database_registry_and_one_for_the_run(fresh_db, tmp_path):
    assert pantau("db", "upgrade").returncode == 0
    in_db = _csv(
        tmp_path / "db.csv",
        "PILWALKOT-3578-2031,Pilwalkot Rekaan,pilwalkot,35.78,2031-02-17,2030-10-20,2031-02-13,"
        "1,Wiratmo Sasongko,Mas Wira,,,\n",
    )
    out = pantau("import", "candidates", str(in_db))
    assert out.returncode == 0, out.stderr
    extra = _csv(
        tmp_path / "extra.csv",
        "PILGUB-32-2032,Pilgub Rekaan,pilgub,32,2032-02-17,2031-10-20,2032-02-13,"
        "2,Sekar Kinasih,Bu Sekar,,,\n",
    )
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(json.dumps(p) for p in POSTS) + "\n", encoding="utf-8")

    out = pantau("evaluate", str(posts), "--json")
    assert out.returncode == 0, out.stderr
    db_only = json.loads(out.stdout)
    assert db_only["registry_candidates"] == 1
    assert db_only["registry_matches"] == 1  # Mas Wira only

    out = pantau("evaluate", str(posts), "--registry", str(extra), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["registry_candidates"] == 2
    assert report["registry_matches"] == 2  # and Bu Sekar, from the run's registry
    overall = report["overall"]
    assert (overall["n"], overall["positives"]) == (4, 2)
    for key in ("precision", "recall", "pr_auc", "recall_at_p80", "flag_rate"):
        assert key in overall
    assert set(report["by"]) == {"source=a", "source=b", "set=everyday"}
    assert report["by"]["source=a"]["n"] == 2 and report["by"]["set=everyday"]["n"] == 1


def test_evaluate_refuses_an_unlabelled_file(fresh_db, tmp_path):
    assert pantau("db", "upgrade").returncode == 0
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"text": "tanpa label"}\n', encoding="utf-8")
    out = pantau("evaluate", str(posts))
    assert out.returncode != 0
    # The error printer wraps long lines (here at the temporary path's length): unwrap.
    assert "not a labelled JSONL line" in " ".join((out.stdout + out.stderr).split())
