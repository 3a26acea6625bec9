"""The office's Ed25519 key: it signs what leaves the office (evidence bundles) and the
audit checkpoints that anchor the hash chain outside the database.

The private key is generated once into <data_dir>/keys/office_ed25519.pem (mode 0600,
created with O_EXCL so two workers cannot make two keys) unless `signing_key_file` names
another. Its public half (base64 of the 32 raw bytes) is shown in the admin pages and
printed in every report, so a receiver can check a bundle without trusting anything in it.
Library: `cryptography` (pyca), the maintained binding to OpenSSL.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pantau.settings import Settings, get_settings

ALGORITHM = "Ed25519"


class SigningError(Exception):
    pass


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _read(path: Path) -> Ed25519PrivateKey:
    # Another process may have created the file a moment ago and still be writing it.
    for _ in range(50):
        data = path.read_bytes()
        if b"END PRIVATE KEY" in data:
            key = serialization.load_pem_private_key(data, password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise SigningError(f"{path} does not hold an Ed25519 private key")
            return key
        time.sleep(0.02)
    raise SigningError(f"{path} holds no usable key")


@lru_cache(maxsize=8)
def _load_or_create(path: Path) -> Ed25519PrivateKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(_pem(Ed25519PrivateKey.generate()))
    return _read(path)


def office_key(settings: Settings | None = None) -> Ed25519PrivateKey:
    settings = settings or get_settings()
    return _load_or_create(settings.effective_signing_key_file.resolve())


def public_key_b64(settings: Settings | None = None) -> str:
    raw = (
        office_key(settings)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode()


def fingerprint(public_b64: str) -> str:
    """A short form to read aloud or compare by eye: SHA-256 of the raw key, 4-char groups."""
    digest = hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def sign(data: bytes, settings: Settings | None = None) -> str:
    return base64.b64encode(office_key(settings).sign(data)).decode()


def verify(data: bytes, signature_b64: str, public_b64: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
