"""Text to the HTML the platforms send: escaped, hashtags and links marked up, breaks kept."""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(r"(https?://[^\s<]+)|#(\w+)")


def to_html(text: str, tag_url: str, *, paragraphs: bool = True) -> str:
    """Mastodon-like HTML: <p> per paragraph, <br /> per line, linked tags and URLs."""
    blocks = text.split("\n\n") if paragraphs else [text]
    rendered = [_inline(block, tag_url).replace("\n", "<br />") for block in blocks]
    return "".join(f"<p>{b}</p>" for b in rendered) if paragraphs else rendered[0]


def _inline(text: str, tag_url: str) -> str:
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        url, tag = match.group(1), match.group(2)
        if url:
            scheme, rest = url.split("://", 1)
            out.append(
                f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener" '
                f'translate="no"><span class="invisible">{scheme}://</span>'
                f'<span class="">{html.escape(rest, quote=False)}</span></a>'
            )
        else:
            out.append(
                f'<a href="{tag_url}{tag.lower()}" class="mention hashtag" rel="tag">'
                f"#<span>{html.escape(tag, quote=False)}</span></a>"
            )
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)
