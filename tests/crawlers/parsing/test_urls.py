"""Recognising single-post URLs for capture."""

from __future__ import annotations

import pytest

from crawlers.parsing.urls import PostRef, recognize


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://mastodon.social/@wahyu_sp/113500000000000150",
         ("mastodon", "mastodon.social", "wahyu_sp", "113500000000000150", "")),
        ("https://mastodon.social/@relawan@kampanye.example/777",
         ("mastodon", "mastodon.social", "relawan@kampanye.example", "777", "")),
        ("http://127.0.0.1:8765/@wahyu_sp/1234",
         ("mastodon", "127.0.0.1:8765", "wahyu_sp", "1234", "")),
        ("https://fosstodon.org/users/schochastics/statuses/114739545367952761",
         ("mastodon", "fosstodon.org", "schochastics", "114739545367952761", "")),
        ("https://bsky.app/profile/laksmiw.bsky.social/post/3mownpost22b",
         ("bluesky", "bsky.app", "laksmiw.bsky.social", "3mownpost22b", "")),
        ("https://bsky.app/profile/did:plc:wpe35pganb6d4pg4ekmfy6u5/post/3lof7sovfok2h",
         ("bluesky", "bsky.app", "did:plc:wpe35pganb6d4pg4ekmfy6u5", "3lof7sovfok2h", "")),
        ("at://did:plc:abc/app.bsky.feed.post/3lof7sovfok2h",
         ("bluesky", "bsky.app", "did:plc:abc", "3lof7sovfok2h", "")),
        ("https://t.me/Relawan_Baret1/237",
         ("telegram", "t.me", "Relawan_Baret1", "relawan_baret1/237", "")),
        ("t.me/s/durov/519?single", ("telegram", "t.me", "durov", "durov/519", "")),
        ("https://x.com/bambang_th/status/2123432229097964065",
         ("x", "x.com", "bambang_th", "2123432229097964065", "")),
        ("https://twitter.com/bambang_th/status/2123432229097964065/photo/1",
         ("x", "twitter.com", "bambang_th", "2123432229097964065", "")),
        ("https://mobile.twitter.com/i/web/status/2123432229097964065",
         ("x", "mobile.twitter.com", "", "2123432229097964065", "")),
        ("https://www.youtube.com/watch?v=dbtSby2027a&lc=UgzSumiati00000000004AaABAg",
         ("youtube", "youtube.com", "", "UgzSumiati00000000004AaABAg", "dbtSby2027a")),
        ("https://youtu.be/dbtSby2027a?lc=UgzSumiati00000000004AaABAg.AAAreply1",
         ("youtube", "youtu.be", "", "UgzSumiati00000000004AaABAg.AAAreply1", "dbtSby2027a")),
    ],
)  # fmt: skip
def test_recognised(url: str, expected: tuple[str, str, str, str, str]) -> None:
    ref = recognize(url)
    assert ref is not None
    assert (ref.platform, ref.host, ref.account, ref.post_id, ref.context) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dbtSby2027a",  # a video, not a comment
        "https://t.me/c/1234567890/55",  # a private chat
        "https://t.me/durov",  # a channel, not a post
        "https://x.com/bambang_th",
        "https://bsky.app/profile/laksmiw.bsky.social",
        "https://kabarsuroboyo.example/berita/52109/masa-kampanye",  # news: no generic rule
        "https://www.facebook.com/@someone/12345",
        "mailto:a@b.example",
        "",
        "bukan url sama sekali",
    ],
)
def test_not_recognised(url: str) -> None:
    assert recognize(url) is None


def test_postref_is_frozen() -> None:
    ref = recognize("https://x.com/a/status/1")
    assert isinstance(ref, PostRef)
    with pytest.raises(AttributeError):
        ref.post_id = "2"  # type: ignore[misc]
