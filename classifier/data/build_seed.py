"""Write seed.jsonl from the hand-written phrasings: `python classifier/data/build_seed.py`."""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from seed_authors import make_author  # noqa: E402
from seed_neutral import NEUTRAL  # noqa: E402
from seed_partisan import PARTISAN  # noqa: E402

N_PER_CLASS = 2200
CITY = {"35.78": ["Surabaya", "Suroboyo"], "35": ["Jawa Timur", "Jatim"], "32.73": ["Bandung"],
        "35.15": ["Sidoarjo"], "35.73": ["Malang", "Ngalam"], "32.05": ["Garut"],
        "33.74": ["Semarang"], "34.04": ["Sleman"], "73.71": ["Makassar"]}  # fmt: skip
ROLE = {"pilwalkot": "wali kota", "pilgub": "gubernur", "pilbup": "bupati"}
NUMBER_FORMS = {1: ["satu", "siji", "hiji", "①", "1️⃣", "❶"], 2: ["dua", "loro", "②", "2️⃣", "❷"],
                3: ["tiga", "telu", "tilu", "③", "3️⃣", "❸"]}  # fmt: skip
GESTURE = {1: "☝️", 2: "✌️", 3: "👌"}
EMOJI = ["🔥", "💪", "👍", "🙏", "❤️", "✊", "😍", "👏", "🎉", "✨", "💯", "🥰", "👊🏽", "🫶"]
LOL = ["wkwk", "wkwkwk", "🤣", "😂", "haha", "xixixi", "😅", "🤣🤣"]
DAYS = ["Tanggal 17 Februari", "17 Feb nanti", "Hari H", "Rabu 17/2", "Nanti tgl 17", "Besok"]
NEUTRAL_TAGS = ["#Pilkada2027", "#PilkadaDamai", "#InfoKota", "#DebatPilkada", "#KPU", "#Pemilu"]
SLANG = {"yang": "yg", "tidak": "gak", "nomor": "no", "sudah": "udh", "untuk": "utk",
         "dengan": "dgn", "jangan": "jgn", "saja": "aja", "banget": "bgt", "karena": "krn",
         "sama": "sm", "orang": "org", "dari": "dr", "pilih": "plh", "dukung": "dkg"}  # fmt: skip
HOMOGLYPH = {"o": "о", "a": "а", "e": "е", "p": "р", "c": "с"}
KEYWORDS = re.compile(r"\b(coblos|pilih|dukung|nomor|menangkan)\b", re.IGNORECASE)


def load_registry() -> dict[str, list[dict[str, str]]]:
    contests: dict[str, list[dict[str, str]]] = {}
    with (HERE / "seed_registry.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            contests.setdefault(row["contest_code"], []).append(row)
    return contests


def number_text(rng: random.Random, number: int) -> str:
    roll = rng.random()
    if roll < 0.55 or number not in NUMBER_FORMS:
        return str(number)
    if roll < 0.7:
        return f"0{number}"
    return rng.choice(NUMBER_FORMS[number])


def person_slots(rng: random.Random, row: dict[str, str], prefix: str) -> dict[str, str]:
    names = row["names"].split(";")
    nicks = row["nicknames"].split(";")
    acronym = [n for n in nicks if n.isupper()]
    honorific = [n for n in nicks if not n.isupper()]
    number = int(row["number"])
    nick = rng.choice([*honorific, *honorific, names[0].split()[0], names[0]])
    joined = f"{names[0].split()[0]}-{names[1].split()[0]}"
    title = acronym[0].title() if acronym else names[0]
    pair = rng.choice([*acronym, *acronym, title, joined, f"paslon {number}"])
    return {f"{prefix}nick": nick, f"{prefix}pair": pair, f"{prefix}n": number_text(rng, number)}


def slots(rng: random.Random, contest: list[dict[str, str]]) -> tuple[dict[str, str], str]:
    own, rival = rng.sample(contest, 2)
    values = {**person_slots(rng, own, ""), **person_slots(rng, rival, "r")}
    rival_acronym = [n for n in rival["nicknames"].split(";") if n.isupper()] or [rival["names"]]
    values["racr"] = rival_acronym[0].title().replace(" ", "")
    acronym = [n for n in own["nicknames"].split(";") if n.isupper()] or [own["names"]]
    values["acr"] = rng.choice([acronym[0], acronym[0].title()]).replace(" ", "")
    values["gest"] = GESTURE.get(int(own["number"]), "👍")
    values.update(
        name=own["names"].split(";")[0],
        n02=f"0{own['number']}",
        party=rng.choice(own["parties"].split(";")),
        slogan=own["slogans"].split(";")[0],
        tag=rng.choice(own["hashtags"].split(";")),
        city=rng.choice(CITY[own["region_code"]]),
        role=ROLE[own["level"]],
        user=make_handle(rng),
        emo="".join(rng.sample(EMOJI, rng.choice([1, 1, 2]))),
        lol=rng.choice(LOL),
        day=rng.choice(DAYS),
        k=str(rng.randint(1, 30)),
        tag_neutral=rng.choice(NEUTRAL_TAGS),
    )
    return values, own["contest_code"]


def make_handle(rng: random.Random) -> str:
    first = rng.choice(
        ["arek", "cah", "mbak", "kang", "bang", "si", "the", "real", "info", "urang"]
    )
    second = rng.choice(["suroboyo", "ngalam", "bdg", "garut", "jatim", "sleman", "kopi", "senja",
                         "rindu", "pejuang", "receh", "santuy", "netizen", "warga"])  # fmt: skip
    return f"{first}{second}{rng.randint(0, 999) if rng.random() < 0.6 else ''}"


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def augment(rng: random.Random, text: str, partisan: bool, values: dict[str, str]) -> str:
    words = text.split(" ")
    if rng.random() < 0.4:
        words = [SLANG.get(w, w) if rng.random() < 0.5 else w for w in words]
    if rng.random() < 0.15:
        words = typo(rng, words)
    if rng.random() < 0.1:
        i = rng.randrange(len(words))
        if words[i][-1:].isalpha():
            words[i] += words[i][-1] * rng.randint(2, 4)
    text = " ".join(words)
    if rng.random() < 0.04:
        text = obfuscate(rng, text)
    roll = rng.random()
    if roll < 0.3:
        text = text.lower()
    elif roll < 0.33:
        text = text.upper()
    if rng.random() < 0.08 and not text.startswith(("@", "RT")):
        text = rng.choice([f"@{values['user']} ", f"RT @{values['user']}: ", "Repost: "]) + text
    if rng.random() < 0.12:
        text += " " + rng.choice(EMOJI) * rng.randint(1, 3)
    if rng.random() < 0.08:
        text += " " + (values["tag"] if partisan else rng.choice(NEUTRAL_TAGS))
    return text


def typo(rng: random.Random, words: list[str]) -> list[str]:
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        w, j = words[i], rng.randrange(1, len(words[i]) - 1)
        words[i] = (
            w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
        )
    return words


def obfuscate(rng: random.Random, text: str) -> str:
    """Evasions seen in the wild: zero-width joiners, look-alike letters, spaced letters."""
    match = KEYWORDS.search(text)
    if not match:
        return text
    word = match.group()
    style = rng.choice(["zw", "homoglyph", "spaced"])
    if style == "zw":
        new = word[:2] + "\u200b" + word[2:]
    elif style == "homoglyph":
        new = "".join(HOMOGLYPH.get(ch, ch) for ch in word)
    else:
        new = " ".join(word)
    return text[: match.start()] + new + text[match.end() :]


def build(seed: int = 20270217) -> list[dict[str, object]]:
    rng = random.Random(seed)
    contests = load_registry()
    groups: list[tuple[str, int, str, list[str]]] = [
        (f"p:{name}", 1, stance, variants) for name, (stance, variants) in PARTISAN.items()
    ] + [(f"n:{name}", 0, "none", variants) for name, variants in NEUTRAL.items()]
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for label in (1, 0):
        pool = [g for g in groups if g[1] == label]
        made = 0
        while made < N_PER_CLASS:
            group, _, stance, variants = pool[made % len(pool)]
            values, contest = slots(rng, contests[rng.choice(sorted(contests))])
            text = augment(rng, fill(rng.choice(variants), values), bool(label), values)
            if text in seen:
                continue
            seen.add(text)
            row: dict[str, object] = {"id": f"seed-{len(rows) + 1:05d}", "text": text,
                                      "partisan": label, "stance": stance,
                                      "phrasing_group": group, "contest": contest}  # fmt: skip
            if rng.random() < 0.35:
                row["author"] = make_author(rng, values["city"])
            rows.append(row)
            made += 1
    rng.shuffle(rows)
    return rows


def main() -> None:
    rows = build()
    with (HERE / "seed.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} posts to {HERE / 'seed.jsonl'}")


if __name__ == "__main__":
    main()
