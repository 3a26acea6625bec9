"""Shared fixtures: every database test runs on real SQLite and real PostgreSQL.

- `session`: a Session inside a transaction that is rolled back after the test.
- `fresh_db`: a new, migrated, empty database that really commits, with the app's
  settings pointed at it (for races, subprocesses, servers and flows).

PANTAU_TEST_BACKENDS=sqlite runs SQLite only (a quick local loop); CI runs both.
PANTAU_TEST_PG_URL points at an existing server instead of starting a throwaway one.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

# tests/ holds helper modules (pg_cluster, factories, shared_data). The repository root goes
# in front of it: tests/crawlers would otherwise shadow the `crawlers` package as a namespace
# package when the project is installed through an editable finder rather than a path.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pg_cluster

from pantau import migrate
from pantau.db import create_db_engine, reset_engines
from pantau.settings import Settings, get_settings

BACKENDS = [
    b.strip()
    for b in os.environ.get("PANTAU_TEST_BACKENDS", "sqlite,postgresql").split(",")
    if b.strip()
]


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    url = os.environ.get("PANTAU_TEST_PG_URL")
    if url:
        yield url
        return
    cluster = pg_cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@dataclass
class Template:
    backend: str
    location: str  # SQLite file path, or the PostgreSQL admin URL

    def new_database(self, tmp_path: Path) -> str:
        if self.backend == "sqlite":
            target = tmp_path / f"pantau-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(self.location, target)
            return f"sqlite:///{target}"
        name = f"t_{uuid.uuid4().hex[:12]}"
        _admin_execute(self.location, f'CREATE DATABASE "{name}" TEMPLATE pantau_template')
        return _with_database(self.location, name)

    def drop(self, url: str) -> None:
        if self.backend == "postgresql":
            name = make_url(url).database
            _admin_execute(self.location, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin_execute(admin_url: str, sql: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A migrated, empty database per backend that tests copy from."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.db"
        migrate.upgrade(f"sqlite:///{path}")
        return Template("sqlite", str(path))
    admin = request.getfixturevalue("pg_admin_url")
    _admin_execute(admin, "DROP DATABASE IF EXISTS pantau_template")
    _admin_execute(admin, "CREATE DATABASE pantau_template")
    migrate.upgrade(_with_database(admin, "pantau_template"))
    return Template("postgresql", admin)


@pytest.fixture
def backend(template: Template) -> str:
    return template.backend


@pytest.fixture(scope="session")
def shared_engine(template: Template, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = template.new_database(tmp_path_factory.mktemp("shared"))
    engine = create_db_engine(url)
    yield engine
    engine.dispose()
    template.drop(url)


@pytest.fixture
def session(shared_engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back when the test ends; commits become savepoints."""
    with shared_engine.connect() as conn:
        outer = conn.begin()
        db = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield db
        finally:
            db.close()
            outer.rollback()


@dataclass
class FreshDb:
    url: str
    settings: Settings
    engine: Engine

    def session(self) -> Session:
        return Session(bind=self.engine, expire_on_commit=False)


@pytest.fixture
def fresh_db(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FreshDb]:
    url = template.new_database(tmp_path)
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    monkeypatch.setenv("PANTAU_DATABASE_URL", url)
    monkeypatch.setenv("PANTAU_DATA_DIR", str(data_dir))
    monkeypatch.setenv("PANTAU_SECRET_KEY", "test-secret-key-" + uuid.uuid4().hex)
    get_settings.cache_clear()
    reset_engines()
    from pantau.db import get_engine

    yield FreshDb(url, get_settings(), get_engine())
    reset_engines()
    get_settings.cache_clear()
    template.drop(url)
