"""Source config validation (the admin UI calls it too) and rate-limit header reading."""

from __future__ import annotations

import pytest
from scrapy.http import Response

from crawlers.middlewares import quota_exhausted, rate_limit_wait
from crawlers.sources import SourceConfigError, targets, validate_config


def test_configs_are_cleaned_per_platform() -> None:
    mastodon = validate_config(
        "mastodon",
        {"instance": "https://mastodon.social/", "accounts": "@budi, siti@kota.id",
         "hashtags": ["#Pilkada2024"], "region_code": "35.78", "max_pages": "5"},
    )  # fmt: skip
    assert mastodon == {
        "accounts": ["budi", "siti@kota.id"],
        "hashtags": ["Pilkada2024"],
        "instance": "https://mastodon.social",
        "region_code": "35.78",
        "max_pages": 5,
    }
    assert validate_config("telegram", {"channels": "https://t.me/s/infokota\n@warga_sby"}) == {
        "channels": ["infokota", "warga_sby"]
    }
    youtube = validate_config(
        "youtube",
        {"videos": ["https://www.youtube.com/watch?v=dbtSby2027a", "https://youtu.be/bnjrSby1111"],
         "channels": ["https://www.youtube.com/channel/UCkabarsuroboyotv0000001"]},
    )  # fmt: skip
    assert youtube["videos"] == ["dbtSby2027a", "bnjrSby1111"]
    assert targets("youtube", youtube)[-1] == ("channel", "UCkabarsuroboyotv0000001")
    assert targets("bluesky", {"queries": ["coblos"]}) == [("query", "coblos")]


@pytest.mark.parametrize(
    ("platform", "config", "words"),
    [
        ("myspace", {"accounts": ["a"]}, "tidak dapat dipantau"),
        ("mastodon", {"acounts": ["a"]}, "kunci tidak dikenal untuk mastodon: acounts"),
        ("mastodon", {}, "sedikitnya satu dari: accounts atau hashtags"),
        ("mastodon", {"accounts": ["a b"]}, "bukan akun Mastodon"),
        ("mastodon", {"hashtags": ["x"], "instance": "ftp://x"}, "bukan URL http(s)"),
        ("bluesky", {"accounts": ["budi"]}, "bukan nama akun Bluesky"),
        ("telegram", {"channels": ["ab"]}, "bukan nama kanal Telegram publik"),
        ("rss", {"feeds": ["kabar.xml"]}, "bukan URL http(s)"),
        ("x", {"accounts": ["nama_yang_terlalu_panjang"]}, "bukan nama pengguna X"),
        ("youtube", {"videos": ["abc"]}, "bukan ID video YouTube"),
        ("youtube", {"channels": ["kanal"]}, "bukan ID kanal YouTube"),
        ("x", {"queries": ["coblos"], "region_code": "99.99"}, "bukan kode wilayah yang dikenal"),
        ("x", {"queries": ["coblos"], "max_pages": "banyak"}, "bilangan bulat"),
    ],
)
def test_bad_configs_name_the_key_and_the_problem(
    platform: str, config: dict[str, object], words: str
) -> None:
    with pytest.raises(SourceConfigError, match=words.replace("(", r"\(").replace(")", r"\)")):
        validate_config(platform, config)


def _response(**headers: str) -> Response:
    return Response("https://contoh.invalid/", status=429, headers=headers)


def test_rate_limit_headers_of_each_platform() -> None:
    now = 1_800_000_000.0
    assert rate_limit_wait(_response(**{"Retry-After": "7"}), now) == 7
    assert rate_limit_wait(_response(**{"Retry-After": "Fri, 15 Jan 2027 08:00:05 GMT"}),
                           now) == 5  # fmt: skip
    assert rate_limit_wait(_response(**{"ratelimit-reset": str(int(now) + 30)}), now) == 30
    assert rate_limit_wait(_response(**{"x-rate-limit-reset": str(int(now) + 12)}), now) == 12
    iso = "2027-01-15T08:00:09+00:00"  # Mastodon sends an ISO time
    assert rate_limit_wait(_response(**{"X-RateLimit-Reset": iso}), now) == 9
    assert rate_limit_wait(_response(**{"RateLimit-Reset": "3"}), now) == 3  # IETF: delta
    assert rate_limit_wait(_response(), now) is None
    assert rate_limit_wait(_response(**{"Retry-After": "soon"}), now) is None
    assert quota_exhausted(_response(**{"x-ratelimit-remaining": "0"}))
    assert not quota_exhausted(_response(**{"x-ratelimit-remaining": "10"}))
