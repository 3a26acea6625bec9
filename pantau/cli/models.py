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
    seed_file: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="Labelled JSONL; default the bundled seed corpus."
        ),
    ] = None,
    split_seed: Annotated[int, typer.Option(help="Seed of the 70/15/15 split.")] = 0,
    activate: Annotated[bool, typer.Option(help="Make the new model the active one.")] = False,
) -> None:
    """Train the partisan model on a split of the seed corpus plus real negatives, save it
    (skops + metadata) and register it in model_versions."""
    from classifier import train_from_corpus
    from pantau import modelreg

    console.print("training: this takes a minute or two…")
    model, metrics = train_from_corpus(seed_file, split_seed=split_seed)
    path = model.save(get_settings().effective_model_dir / f"{model.version}.skops")
    with session_scope() as session:
        try:
            modelreg.register(
                session,
                model.version,
                path,
                metrics=metrics,
                thresholds=model.thresholds,
                data_hash=str(model.metadata.get("data_hash", "")),
                notes="pantau train",
                activate=activate,
            )
        except modelreg.ModelRegistryError as exc:
            fail(str(exc))
    _print_metrics(metrics["test"], f"{model.version} on the held-out test split")
    console.print(f"saved {path}; {'active' if activate else 'registered (not active)'}")


def evaluate_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help='JSONL lines {"text": ..., "partisan": 0|1}'
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Evaluate the active model (or the bundled one) at its saved threshold: precision,
    recall, F1, PR-AUC and the confusion matrix."""
    from classifier import PartisanModel, evaluate_jsonl, load_bundled

    path = _active_artifact()
    model = PartisanModel.load(path) if path else load_bundled()
    try:
        metrics = evaluate_jsonl(model, file)
    except (ValueError, KeyError) as exc:
        fail(f"{file}: not a labelled JSONL file ({exc})")
    metrics["model_version"] = model.version
    if as_json:
        print(json.dumps(metrics, indent=2))
    else:
        _print_metrics(metrics, f"{model.version} on {file.name}")


def _active_artifact() -> Path | None:
    """The registered active model, when there is a database with one."""
    # Imported here: the model registry loads the classifier (spaCy, scikit-learn), which every
    # other `pantau` command would otherwise pay for at start-up.
    from pantau import modelreg

    try:
        with session_scope() as session:
            row = modelreg.active(session)
            return modelreg.verified_artifact(row) if row else None
    except (OperationalError, ProgrammingError):
        return None  # no database yet: evaluating needs none


def _print_metrics(metrics: dict[str, Any], title: str) -> None:
    table = Table("metric", "value", title=title, title_justify="left")
    for key in ("n", "positives", "threshold", "precision", "recall", "f1", "pr_auc", "flag_rate"):
        table.add_row(key, str(metrics.get(key)))
    c = metrics.get("confusion", {})
    table.add_row(
        "confusion", f"tp {c.get('tp')}  fp {c.get('fp')}  fn {c.get('fn')}  tn {c.get('tn')}"
    )
    console.print(table)
