"""News-style features read from the original text's shape, not its words.

Headlines are written in Title Case, end in a link, name their outlet after a dash or a
bar, or credit "via @user"; replies start with a mention. None of this names a side, so
it carries over to contests the model never saw.
"""

from __future__ import annotations

import re

STYLE_FEATURES = (
    "s:headline_case", "s:trailing_link", "s:outlet_suffix", "s:via_user", "s:reply",
    "s:quoted_speech",
)  # fmt: skip

_TRAILING_TAGS = re.compile(r"(?:\s+#\w+)+\s*$")
_OUTLET = re.compile(r"\s[-–—|]\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}\s*(?:https?://\S+)?\s*$")
_VIA = re.compile(r"\bvia\s+@\w", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”][^\"“”]{8,}[\"“”]")


def style_features(text: str) -> list[float]:
    tokens = text.split()
    words = [t for t in tokens if t[0].isalpha() and not t.startswith("http")]
    capitalised = sum(1 for w in words if w[0].isupper())
    headline = len(words) >= 4 and capitalised >= 0.6 * len(words)
    stripped = _TRAILING_TAGS.sub("", text.rstrip()) if "#" in text else text.rstrip()
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    return [
        float(headline),
        float(last.startswith(("http://", "https://"))),
        float(("-" in stripped or "|" in stripped or "–" in stripped or "—" in stripped)
              and bool(_OUTLET.search(stripped))),
        float("via" in text.lower() and bool(_VIA.search(text))),
        float(text.lstrip().startswith("@")),
        float(bool(_QUOTE.search(text)) if ('"' in text or "“" in text) else False),
    ]  # fmt: skip
