"""The PANTAU_* settings that point every platform at a replay server, with its credentials."""

from __future__ import annotations

from crawlers.replay.server import DEFAULT_SECRETS

BASE_URL_SETTINGS = (
    "BLUESKY_PUBLIC_URL",
    "BLUESKY_PDS_URL",
    "TELEGRAM_BASE_URL",
    "X_BASE_URL",
    "YOUTUBE_BASE_URL",
)


def settings_env(url: str, bluesky_handle: str = "pantau-demo.bsky.social") -> dict[str, str]:
    """Environment for crawls, captures and rechecks against the replay server at `url`.

    Mastodon instances and RSS feeds are per source, in each source's config.
    """
    env = {f"PANTAU_{name}": url for name in BASE_URL_SETTINGS}
    env.update(
        {
            "PANTAU_BLUESKY_HANDLE": bluesky_handle,
            "PANTAU_BLUESKY_APP_PASSWORD": DEFAULT_SECRETS["bluesky_password"],
            "PANTAU_X_BEARER_TOKEN": DEFAULT_SECRETS["x_bearer"],
            "PANTAU_YOUTUBE_API_KEY": DEFAULT_SECRETS["youtube_key"],
            # The replay server listens on loopback: captures may reach it (issue 16).
            "PANTAU_CAPTURE_ALLOW_PRIVATE": "1",
        }
    )
    return env
