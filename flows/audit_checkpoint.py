"""The nightly audit checkpoint: the chain's head, signed, in a file and a Prefect artifact.

Two copies in two places (the data directory and the Prefect server's database) make a
silent truncation or rewrite of the audit chain need three systems, not one.
"""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact

from pantau import signing
from pantau.audit_anchor import write_checkpoint
from pantau.db import session_scope


@task(retries=1, retry_delay_seconds=10)
def checkpoint_audit() -> dict[str, Any]:
    """Write a signed checkpoint; returns its fields (and the file) for the summary."""
    with session_scope() as session:
        cp, path = write_checkpoint(session)
    create_markdown_artifact(
        key="audit-checkpoint",
        markdown=(
            "## Audit checkpoint\n\n"
            f"- events: {cp.count}\n- head id: {cp.head_id}\n- head hash: `{cp.head_hash}`\n"
            f"- time: {cp.at}\n- file: `{path.name}`\n"
            f"- office key (Ed25519): `{cp.public_key}` "
            f"(fingerprint {signing.fingerprint(cp.public_key)})\n"
            f"- signature: `{cp.signature}`\n\n```json\n{cp.to_json()}```\n"
        ),
        description="Signed head of the audit chain; `pantau audit verify` checks against it",
    )
    return {"count": cp.count, "head_hash": cp.head_hash, "file": str(path)}
