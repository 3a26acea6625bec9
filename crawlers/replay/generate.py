"""Generate the replay sample set (data/*.jsonl, data/sources.json) deterministically.

Run `python -m crawlers.replay.generate` after changing the templates or the accounts; the
output is committed, so the server never depends on this script at run time.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from crawlers.replay import ids
from crawlers.replay.sample_accounts import SPECS, Spec
from crawlers.replay.sample_text import (
    CAMPAIGN,
    CAMPAIGN_ASN,
    CAMPAIGN_JV,
    CAMPAIGN_SU,
    CONFOUNDERS,
    DISTRICTS,
    EVERYDAY,
    GESTURES,
    NEUTRALITY,
    NEWS_ELECTION,
    NEWS_GENERAL,
    PAIRS,
    REPLY,
    SERVICE,
    TAILS,
    VIDEO,
    WORK_ASN,
    Pair,
)

DATA = Path(__file__).parent / "data"
SEED = 2027
START = datetime(2026, 10, 1, tzinfo=UTC)
CAMPAIGN_START = datetime(2026, 10, 20, tzinfo=UTC)
END = datetime(2026, 11, 20, 12, tzinfo=UTC)

PERSONAS: dict[str, dict[str, float]] = {
    "asn_campaigner": {"campaign_asn": 3, "campaign": 1.5, "work": 2.5, "everyday": 2, "conf": 1},
    "asn_neutral": {"work": 4.5, "everyday": 3.5, "neutrality": 1, "conf": 1},
    "citizen": {"everyday": 5, "campaign": 1, "local": 1.5, "conf": 1.5, "news": 1},
    "volunteer": {"campaign": 6, "local": 3, "everyday": 1},
    "news": {"news_election": 4.5, "news": 5.5},
    "service": {"service": 8, "news": 1, "neutrality": 1},
    "watchdog": {"neutrality": 7, "news_election": 3},
}
POOLS = {
    "campaign_asn": CAMPAIGN_ASN,
    "campaign": CAMPAIGN,
    "work": WORK_ASN,
    "everyday": EVERYDAY,
    "conf": CONFOUNDERS,
    "neutrality": NEUTRALITY,
    "news": NEWS_GENERAL,
    "news_election": NEWS_ELECTION,
    "service": SERVICE,
    "video": VIDEO,
}
# (reposts, replies) each account makes after the originals exist.
INTERACTIONS = {
    "asn_campaigner": (3, 1),
    "asn_neutral": (1, 1),
    "citizen": (1, 2),
    "volunteer": (0, 1),
}
CAMPAIGN_TOPICS = {"campaign", "campaign_asn", "local"}


def account_row(spec: Spec, rng: random.Random) -> dict[str, Any]:
    created = START - timedelta(days=rng.randint(200, 2500))
    return {
        "platform": spec.platform,
        "id": ids.account_id(spec.platform, spec.key, created),
        "handle": spec.key,
        "name": spec.name,
        "bio": spec.bio,
        "followers": spec.followers,
        "created_at": ids.iso(created),
        "fields": [list(f) for f in spec.fields],
        "city": spec.city,
        **spec.extra,
    }


def pick_pair(spec: Spec, rng: random.Random) -> Pair:
    if spec.pair is not None:
        return PAIRS[spec.pair]
    local = [p for p in PAIRS if p.city == spec.city] or list(PAIRS)
    return rng.choice(local)


def compose(topic: str, spec: Spec, rng: random.Random) -> tuple[str, str | None]:
    """(text, language) for one original post of this topic."""
    pair = pick_pair(spec, rng)
    lang: str | None = "id"
    pool: tuple[str, ...]
    if spec.platform == "youtube" and topic in {"everyday", "work", "news", "service"}:
        topic = "video"
    if topic == "local":
        pool = CAMPAIGN_SU if pair.lang_hint == "su" else CAMPAIGN_JV
        lang = pair.lang_hint
    else:
        pool = POOLS[topic]
    template = rng.choice(pool)
    others = [p.number for p in PAIRS if p.contest == pair.contest and p.number != pair.number]
    city = spec.city if spec.city != "Jawa Timur" else rng.choice(("Surabaya", "Malang"))
    text = template.format(
        num=pair.number,
        pair=pair.pair,
        nick=pair.nick,
        acr=pair.acronym,
        slogan=pair.slogan,
        tag=pair.tags[0],
        tag2=pair.tags[-1],
        city=city,
        gesture=GESTURES[pair.number],
        other=rng.choice(others),
        kec=rng.choice(DISTRICTS[spec.city]),
    )
    if spec.persona not in {"news", "service"}:
        text += rng.choice(TAILS).format(city=city.replace(" ", ""))
    if topic in {"everyday", "conf"} and any(w in text for w in ("rek", "sik", "kabeh")):
        lang = "jv"
    if "Wilujeng" in text:
        lang = "su"
    return text, lang


def post_time(topic: str, rng: random.Random, after: datetime | None = None) -> datetime:
    low = after + timedelta(minutes=3) if after else START
    if topic in CAMPAIGN_TOPICS:
        low = max(low, CAMPAIGN_START)
    span = max((END - low).total_seconds(), 60.0)
    moment = low + timedelta(seconds=rng.uniform(0, span), milliseconds=rng.randint(0, 999))
    return min(moment, END + timedelta(hours=6))


def media_for(topic: str, text: str, rng: random.Random) -> list[dict[str, str]]:
    if topic in CAMPAIGN_TOPICS and rng.random() < 0.35:
        gesture = next((g for g in GESTURES.values() if g.split()[0] in text), "jempol 👍")
        return [{"type": "image", "description": f"Foto bersama di posko kampanye, pose {gesture}"}]
    if rng.random() < 0.08:
        return [{"type": "image", "description": "Foto suasana kegiatan"}]
    return []


def make_post(account: dict[str, Any], spec: Spec, n: int, rng: random.Random) -> dict[str, Any]:
    topic = rng.choices(list(PERSONAS[spec.persona]), list(PERSONAS[spec.persona].values()))[0]
    text, lang = compose(topic, spec, rng)
    when = post_time(topic, rng)
    post: dict[str, Any] = {
        "platform": spec.platform,
        "account": account["id"],
        "kind": "comment" if spec.platform == "youtube" else "post",
        "text": text,
        "created_at": when,
        "lang": lang if rng.random() > 0.15 or spec.platform == "x" else None,
        "parent": None,
        "topic": topic,
        "media": media_for(topic, text, rng) if spec.platform != "youtube" else [],
        "metrics": metrics(spec, rng),
    }
    if spec.platform == "youtube":
        post["video"] = pick_video(spec, rng)
    if spec.platform == "rss":
        post["title"] = headline(text)
    return post


def metrics(spec: Spec, rng: random.Random) -> dict[str, int]:
    reach = max(spec.followers, 50)
    return {
        "likes": int(rng.paretovariate(1.6) * reach / 60),
        "reposts": int(rng.paretovariate(1.8) * reach / 400),
        "replies": rng.randint(0, 6),
        "views": int(rng.uniform(0.2, 1.5) * reach) if spec.platform == "telegram" else 0,
    }


def pick_video(spec: Spec, rng: random.Random) -> str:
    city = "Bandung" if spec.city == "Bandung" else "Surabaya"
    owners = [s for s in SPECS if s.platform == "youtube" and "videos" in s.extra]
    pool = [
        v[0]
        for s in owners
        if (s.city == "Bandung") == (city == "Bandung")
        for v in s.extra["videos"]
    ]
    return rng.choice(pool)


def headline(text: str) -> str:
    first = re.split(r"(?<=[a-z0-9)])[.,:] ", text, maxsplit=1)[0].rstrip(".")
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + " …"


def interactions(
    posts: list[dict[str, Any]], accounts: dict[str, dict[str, Any]], rng: random.Random
) -> list[dict[str, Any]]:
    """Reposts and replies, each made after the post it points at."""
    made: list[dict[str, Any]] = []
    for spec in SPECS:
        reposts, replies = INTERACTIONS.get(spec.persona, (0, 0))
        account = accounts[f"{spec.platform}:{spec.key}"]
        mine = [
            p for p in posts if p["platform"] == spec.platform and p["account"] != account["id"]
        ]
        if not mine:
            continue
        if spec.platform in {"youtube", "rss"}:
            reposts = 0
        campaign = [p for p in mine if p["topic"] in CAMPAIGN_TOPICS] or mine
        for _ in range(reposts):
            target = rng.choice(campaign if spec.persona != "citizen" else mine)
            made.append(share(account, target, spec, rng))
        for _ in range(replies + (2 if spec.platform == "youtube" else 0)):
            targets = [p for p in mine if p["kind"] not in {"reply", "repost"}]
            if spec.platform == "telegram":  # a channel answers its own messages
                targets = [p for p in posts if p["account"] == account["id"]]
            if spec.platform == "youtube":  # at most 5 replies per thread
                targets = [p for p in targets if sum(m["parent"] is p for m in made) < 5]
            if targets:
                made.append(answer(account, rng.choice(targets), accounts, spec, rng))
    return made


def share(account: dict[str, Any], target: dict[str, Any], spec: Spec, rng: random.Random) -> dict:
    text = target["text"] if spec.platform == "telegram" else ""
    if spec.platform == "x" and rng.random() < 0.3:
        text = rng.choice(("Nah ini 👇", "Setuju 100%", "Mantap pol!", "Sing genah ngene iki"))
    return {
        **target,
        "account": account["id"],
        "kind": "repost",
        "text": text,
        "created_at": post_time("", rng, after=target["created_at"]),
        "parent": target,
        "media": [],
        "metrics": metrics(spec, rng),
    }


def answer(
    account: dict[str, Any],
    target: dict[str, Any],
    accounts: dict[str, dict[str, Any]],
    spec: Spec,
    rng: random.Random,
) -> dict:
    who = next(a["name"] for a in accounts.values() if a["id"] == target["account"])
    lang = "jv" if rng.random() < 0.1 else "id"
    return {
        **target,
        "account": account["id"],
        "kind": "reply",
        "text": rng.choice(REPLY).format(who=who.split()[0]),
        "lang": lang,
        "topic": "reply",
        "created_at": post_time("", rng, after=target["created_at"]),
        "parent": target,
        "media": [],
        "metrics": metrics(spec, rng),
    }


def assign_ids(posts: list[dict[str, Any]], accounts: dict[str, dict[str, Any]]) -> None:
    """Give every post its platform id, in time order, as the platform would."""
    by_id = {a["id"]: a for a in accounts.values()}
    counters: dict[str, int] = {}
    for seq, post in enumerate(sorted(posts, key=lambda p: (p["created_at"], p["text"]))):
        when, platform = post["created_at"], post["platform"]
        owner = by_id[post["account"]]
        if platform == "mastodon":
            post["id"] = ids.mastodon_id(when, seq)
        elif platform == "x":
            post["id"] = ids.x_id(when, seq)
        elif platform == "bluesky":
            collection = "repost" if post["kind"] == "repost" else "post"
            post["id"] = f"at://{owner['id']}/app.bsky.feed.{collection}/{ids.tid(when, seq)}"
        elif platform == "telegram":
            counters[owner["id"]] = counters.get(owner["id"], 90 + seq % 400) + 1 + seq % 3
            post["id"] = f"{owner['id']}/{counters[owner['id']]}"
        elif platform == "youtube":
            parent = post["parent"]
            post["id"] = (
                f"{parent['id']}.{ids.digest('reply', seq, length=22)}"
                if parent
                else ids.youtube_comment_id(seq, post["text"])
            )
        else:
            counters[owner["id"]] = counters.get(owner["id"], 52000 + seq * 7) + 1 + seq % 4
            post["id"] = rss_id(owner, counters[owner["id"]], post["title"])


def rss_id(feed: dict[str, Any], number: int, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    if feed["format"] == "atom":
        return f"tag:{feed['site'].split('/')[2]},2026:artikel-{number}"
    if "epoch" in feed.get("quirks", []):
        return f"{feed['handle']}-{number}"  # a guid that is not a URL (isPermaLink="false")
    return f"{feed['site']}berita/{number}/{slug}"


def build(seed: int = SEED) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    accounts = {f"{s.platform}:{s.key}": account_row(s, rng) for s in SPECS}
    posts = [
        make_post(accounts[f"{spec.platform}:{spec.key}"], spec, n, rng)
        for spec in SPECS
        for n in range(spec.posts)
    ]
    posts += interactions(posts, accounts, rng)
    assign_ids(posts, accounts)
    rows = []
    for post in sorted(posts, key=lambda p: (p["platform"], p["created_at"])):
        parent = post["parent"]
        rows.append(
            {
                **post,
                "parent": parent["id"] if parent else None,
                "created_at": ids.iso(post["created_at"]),
            }
        )
    return list(accounts.values()), rows


def sources() -> list[dict[str, Any]]:
    """The sources rows the demo and the tests configure (keys of crawlers/sources.py).

    Only Mastodon names its server in the config (`instance`); the other platforms' base
    URLs are settings (PANTAU_BLUESKY_PUBLIC_URL ...), set to the replay server's URL.
    `{base_url}` stands for that URL.
    """
    keys: dict[str, list[str]] = {}
    for spec in SPECS:
        keys.setdefault(spec.platform, []).append(spec.key)
    channels = [s.key for s in SPECS if s.platform == "youtube" and "videos" in s.extra]
    videos = [v[0] for s in SPECS if "videos" in s.extra for v in s.extra["videos"]]
    return [
        {"platform": "mastodon", "name": "mastodon-watchlist",
         "config": {"instance": "{base_url}", "accounts": keys["mastodon"]}},
        {"platform": "mastodon", "name": "mastodon-hashtags",
         "config": {"instance": "{base_url}",
                    "hashtags": ["hendi2", "asnnetral", "baretmenang", "danen2"]}},
        {"platform": "bluesky", "name": "bluesky-watchlist",
         "config": {"accounts": keys["bluesky"]}},
        {"platform": "bluesky", "name": "bluesky-search",
         "config": {"queries": ["coblos", "#Rumaya2", "nomer"]}},
        {"platform": "telegram", "name": "telegram-channels",
         "config": {"channels": keys["telegram"]}},
        {"platform": "rss", "name": "rss-news",
         "config": {"feeds": [f"{{base_url}}/feeds/{k}.xml" for k in keys["rss"]]}},
        {"platform": "x", "name": "x-watchlist", "config": {"accounts": keys["x"]}},
        {"platform": "x", "name": "x-search",
         "config": {"queries": ["#BaretMenang", "coblos nomor"]}},
        {"platform": "youtube", "name": "youtube-videos", "config": {"videos": videos}},
        {"platform": "youtube", "name": "youtube-channels", "config": {"channels": channels}},
    ]  # fmt: skip


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    accounts, posts = build()
    DATA.mkdir(exist_ok=True)
    write_jsonl(DATA / "accounts.jsonl", accounts)
    write_jsonl(DATA / "posts.jsonl", posts)
    (DATA / "sources.json").write_text(
        json.dumps(sources(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(accounts)} accounts, {len(posts)} posts written to {DATA}")


if __name__ == "__main__":
    main()
