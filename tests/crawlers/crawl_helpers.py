"""Builders of parser output for crawler tests; every name is invented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawlers.items import AccountItem, PostItem

BASE_TIME = datetime(2024, 11, 1, 8, 0, tzinfo=UTC)


def account(n: int = 1, platform: str = "mastodon", **kw: object) -> AccountItem:
    values: dict[str, object] = {
        "platform": platform,
        "platform_account_id": f"a{n}",
        "handle": f"warga{n}@contoh.invalid",
        "display_name": f"Warga Rekaan {n}",
        "bio": "Suka kopi",
        "followers": 10 * n,
    }
    values.update(kw)
    return AccountItem(**values)  # type: ignore[arg-type]


def post(
    n: int, text: str | None = None, *, author: AccountItem | None = None, **kw: object
) -> PostItem:
    author = author or account()
    values: dict[str, object] = {
        "platform": author.platform,
        "platform_post_id": str(n),
        "account": author,
        "url": f"https://contoh.invalid/@warga/{n}",
        "text": text if text is not None else f"Kabar pagi nomor {n}",
        "posted_at": BASE_TIME + timedelta(minutes=n),
        "raw": {"id": str(n)},
    }
    values.update(kw)
    return PostItem(**values)  # type: ignore[arg-type]
