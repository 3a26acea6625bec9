"""All partisan phrasing families of the seed corpus, in a fixed order: (stance, variants)."""

from seed_attack import ATTACK
from seed_attack_more import ATTACK_MORE, ATTACK_MORE_2
from seed_support import SUPPORT
from seed_support_extra import PARTISAN_EXTRA
from seed_support_more import SUPPORT_MORE, SUPPORT_MORE_2

# Slots: {nick} {pair} {name} {acr} {n} {n02} {gest} {party} {slogan} {tag} {city} {role}
# {rnick} {rpair} {racr} {rn} {user} {emo} {lol} {day} {k}. Dict order fixes the corpus.
PARTISAN: dict[str, tuple[str, list[str]]] = {
    **{name: ("support", variants) for name, variants in SUPPORT.items()},
    **{name: ("attack", variants) for name, variants in ATTACK.items()},
    **{name: ("support", variants) for name, variants in SUPPORT_MORE.items()},
    **{name: ("attack", variants) for name, variants in ATTACK_MORE.items()},
    **{name: ("support", variants) for name, variants in SUPPORT_MORE_2.items()},
    **{name: ("attack", variants) for name, variants in ATTACK_MORE_2.items()},
    **PARTISAN_EXTRA,
}
