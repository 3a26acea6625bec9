"""Shared fixtures: every database test runs on real SQLite and real PostgreSQL.

- `session`: a Session inside a transaction that is rolled back after the test.
- `fresh_db`: a new, migrated, empty database that really commits, with the app's
  settings pointed at it (for races, subprocesses, servers and flows).

PANTAU_TEST_BACKENDS=sqlite runs SQLite only (a quick local loop); CI runs both.
PANTAU_TEST_PG_URL points at an existing server instead of starting a throwaway one.

Under pytest-xdist (`-n 2`, what `make test` uses) the controller starts ONE throwaway
cluster and hands its URL to the workers; each worker migrates its own template database
(`pantau_template_gw0`, ...) and copies per-test databases from it, so workers never share
a database. Session fixtures (templates, Prefect harness, Chromium) are per worker.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
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


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
TEMPLATE_DB = f"pantau_template_{WORKER}"
_CLUSTER_KEY = pytest.StashKey[pg_cluster.Cluster]()


def _is_xdist_controller(config: pytest.Config) -> bool:
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def pytest_configure(config: pytest.Config) -> None:
    # A terminated run (CI timeout, kill) unwinds like Ctrl-C, so the cluster and the
    # per-test databases are still removed.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)
    # Workers inherit the controller's environment, so one cluster serves them all.
    if (
        _is_xdist_controller(config)
        and "postgresql" in BACKENDS
        and not os.environ.get("PANTAU_TEST_PG_URL")
        and not config.option.collectonly
    ):
        cluster = pg_cluster.start()
        config.stash[_CLUSTER_KEY] = cluster
        os.environ["PANTAU_TEST_PG_URL"] = cluster.url


def pytest_unconfigure(config: pytest.Config) -> None:
    cluster = config.stash.get(_CLUSTER_KEY, None)
    if cluster is not None:
        os.environ.pop("PANTAU_TEST_PG_URL", None)
        cluster.stop()


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    url = os.environ.get("PANTAU_TEST_PG_URL")
    if url:
        yield url
        _drop_shared()
        return
    cluster = pg_cluster.start()
    try:
        yield cluster.url
        _drop_shared()
    finally:
        cluster.stop()


# Slowest tiers first, so the long tests do not start last on one worker while the other
# idles (xdist hands out items in collection order). Within a tier the order pytest chose
# (grouped by backend) is kept.
_TIER_ORDER = ("prefect_server", "slow", "browser")


def _tier(item: pytest.Item) -> int:
    for rank, marker in enumerate(_TIER_ORDER):
        if item.get_closest_marker(marker):
            return rank
    return len(_TIER_ORDER)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_tier)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A selection that matches nothing (e.g. `make test-fast` on a slow-only directory) is
    # not a failure of the suite.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


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
        # FILE_COPY: for a small template it is about 3x faster than PostgreSQL 15's
        # default WAL_LOG (which writes the whole copy to the WAL); fsync is off anyway.
        strategy = " STRATEGY FILE_COPY" if _pg_version(self.location) >= 150000 else ""
        _admin_execute(
            self.location, f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}"{strategy}'
        )
        return _with_database(self.location, name)

    def drop(self, url: str) -> None:
        if self.backend == "postgresql":
            name = make_url(url).database
            _admin_execute(self.location, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_admin_engines: dict[str, Engine] = {}


@functools.cache
def _pg_version(admin_url: str) -> int:
    with _admin_engine(admin_url).connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar_one())


def _admin_engine(admin_url: str) -> Engine:
    if admin_url not in _admin_engines:
        _admin_engines[admin_url] = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    return _admin_engines[admin_url]


def _admin_execute(admin_url: str, sql: str) -> None:
    # One pooled admin connection per worker: CREATE/DROP DATABASE run around every
    # fresh_db test, and a new connection each time costs more than the statement.
    with _admin_engine(admin_url).connect() as conn:
        conn.execute(text(sql))


# Built once per worker and backend, and kept when pytest switches from one backend's tests
# to the other's and back (it would otherwise migrate again each time).
_templates: dict[str, Template] = {}
_shared: dict[str, tuple[str, Engine]] = {}


def _build_template(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Template:
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.db"
        migrate.upgrade(f"sqlite:///{path}")
        return Template("sqlite", str(path))
    admin = request.getfixturevalue("pg_admin_url")
    _admin_execute(admin, f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}"')
    _admin_execute(admin, f'CREATE DATABASE "{TEMPLATE_DB}"')
    migrate.upgrade(_with_database(admin, TEMPLATE_DB))
    return Template("postgresql", admin)


@pytest.fixture(scope="session", params=BACKENDS)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A migrated, empty database per backend that tests copy from."""
    if request.param not in _templates:
        _templates[request.param] = _build_template(request.param, request, tmp_path_factory)
    return _templates[request.param]


@pytest.fixture
def backend(template: Template) -> str:
    return template.backend


@pytest.fixture(scope="session")
def shared_engine(template: Template, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One database per backend and worker for `session`'s rolled-back transactions."""
    if template.backend not in _shared:
        url = template.new_database(tmp_path_factory.mktemp("shared"))
        _shared[template.backend] = (url, create_db_engine(url))
    return _shared[template.backend][1]


def _drop_shared() -> None:
    for backend, (url, engine) in _shared.items():
        engine.dispose()
        _templates[backend].drop(url)
    _shared.clear()
    for engine in _admin_engines.values():
        engine.dispose()
    _admin_engines.clear()


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
