"""`pantau train` and `pantau evaluate`: the classifier's training and evaluation commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy.exc import OperationalError, ProgrammingError

from pantau.cli.output import console, fail
from pantau.db import session_scope
from pantau.settings import get_settings


def register(app: typer.Typer) -> None:
    app.command("train")(train_cmd)
    app.command("evaluate")(evaluate_cmd)


def train_cmd(
    extra: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="More labelled JSONL to train on."),
    ] = None,
    activate: Annotated[bool, typer.Option(help="Make the new model the active one.")] = False,
) -> None:
    """Train the partisan model on the datasets found in PANTAU_DATASETS_DIR (and --extra),
    save it (skops + metadata) and register it in model_versions."""
    from classifier import read_jsonl
    from classifier.realtrain import train_available
    from pantau import modelreg

    settings = get_settings()
    console.print(f"training on the datasets in {settings.datasets_dir}: a few minutes…")
    with session_scope() as session:
        from pantau.classification import load_registry

        registry = load_registry(session)
    model, used = train_available(
        settings.datasets_dir, read_jsonl(extra) if extra else [], registry
    )
    console.print(f"trained on: {', '.join(used)}")
    with session_scope() as session:
        row = modelreg.save_and_register(
            session, model, metrics={"trained_on": used}, notes="pantau train", activate=activate
        )
        path = row.artifact_path
    console.print(f"saved {path}; {'active' if activate else 'registered (not active)'}")


def evaluate_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help='JSONL lines {"text": ..., "partisan": 0|1, "source"?: ..., "set"?: ...}',
        ),
    ],
    registry_csv: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            exists=True,
            dir_okay=False,
            help="A candidates CSV (pantau import candidates format) added for this run only.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Score a labelled file as triage does (active model, registry in the database) and
    report precision, recall, PR-AUC and recall at precision 0.80, overall and by each
    `source`/`set` value in the file."""
    from classifier import Registry

    rows = _labelled_rows(file)
    model, registry = _model_and_registry()
    if registry_csv is not None:
        try:
            registry = registry.merged(Registry.from_csv(registry_csv))
        except (ValueError, KeyError) as exc:
            fail(f"{registry_csv}: not a candidates CSV ({exc})")
    report = evaluation_report(model, registry, rows)
    report["registry_candidates"] = len(registry.candidates)
    if as_json:
        print(json.dumps(report, indent=2))
        return
    title = f"{model.version} on {file.name} ({len(registry.candidates)} registered pairs)"
    _print_breakdown(report, title)


def _labelled_rows(file: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({**row, "text": str(row["text"]), "partisan": int(row["partisan"])})
        except (ValueError, KeyError, TypeError) as exc:
            fail(f"{file}:{number}: not a labelled JSONL line ({exc})")
    if not rows:
        fail(f"{file}: no labelled lines")
    return rows


def _model_and_registry() -> tuple[Any, Any]:
    """The model and registry triage would use now: the active model and the database's
    registry; with no database yet, the bundled model and an empty registry."""
    from classifier import Registry, load_bundled
    from pantau import modelreg

    try:
        with session_scope() as session:
            from pantau.classification import load_registry

            return modelreg.active_model(session), load_registry(session)
    except (OperationalError, ProgrammingError):
        return load_bundled(), Registry()


def evaluation_report(model: Any, registry: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Overall metrics at the model's threshold, then one entry per `source`/`set` value."""
    import numpy as np

    from classifier import PostInput, score_posts
    from classifier.training import metrics_at

    scores = score_posts(model, [PostInput(row["text"]) for row in rows], registry)
    values = np.array([s.partisan for s in scores])
    labels = np.array([row["partisan"] for row in rows])
    threshold = float(model.thresholds["partisan"])
    named = {"candidate", "party", "slogan", "hashtag"}
    report: dict[str, Any] = {
        "model_version": model.version,
        "overall": metrics_at(labels, values, threshold),
        # Posts in which the registry recognised a contestant: shows which registry was used.
        "registry_matches": sum(any(m.kind in named for m in s.matches) for s in scores),
    }
    for field in ("source", "set"):
        names = sorted({str(row[field]) for row in rows if row.get(field) is not None})
        for name in names:
            mask = np.array([str(row.get(field)) == name for row in rows])
            report.setdefault("by", {})[f"{field}={name}"] = metrics_at(
                labels[mask], values[mask], threshold
            )
    return report


def _print_breakdown(report: dict[str, Any], title: str) -> None:
    keys = ("n", "positives", "precision", "recall", "pr_auc", "recall_at_p80", "flag_rate")
    table = Table("part", *keys, title=title, title_justify="left")
    parts = {"all": report["overall"], **report.get("by", {})}
    for name, metrics in parts.items():
        table.add_row(name, *(str(metrics.get(k)) for k in keys))
    console.print(table)
    console.print(f"threshold {report['overall']['threshold']}")
