"""All partisan phrasing families of the seed corpus, in a fixed order: (stance, variants)."""

from seed_attack import ATTACK
from seed_support import SUPPORT

# Slots: {nick} {pair} {name} {acr} {n} {n02} {gest} {party} {slogan} {tag} {city} {role}
# {rnick} {rpair} {racr} {rn} {user} {emo} {lol} {day} {k}. Dict order fixes the corpus.
PARTISAN: dict[str, tuple[str, list[str]]] = {
    **{name: ("support", variants) for name, variants in SUPPORT.items()},
    **{name: ("attack", variants) for name, variants in ATTACK.items()},
}
