"""Migrations: empty to head, no drift against the models, and back down again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from pantau import migrate
from pantau.db import create_db_engine
from pantau.models import Base


def test_upgrade_from_empty_has_no_drift(fresh_db):
    # fresh_db was created by `alembic upgrade head` on an empty database.
    assert migrate.check(fresh_db.url) == []
    tables = set(inspect(fresh_db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_to_base_and_up_again(fresh_db):
    cfg = migrate.alembic_config(fresh_db.url)
    fresh_db.engine.dispose()
    command.downgrade(cfg, "base")
    engine = create_db_engine(fresh_db.url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert migrate.check(fresh_db.url)[0].startswith("database is at revision none")
    finally:
        engine.dispose()
    command.upgrade(cfg, "head")
    assert migrate.check(fresh_db.url) == []


def test_check_reports_drift(fresh_db):
    with fresh_db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE stray (id INTEGER PRIMARY KEY)")
    problems = migrate.check(fresh_db.url)
    assert problems and "schema differs" in problems[0]
