"""Telegram polls keep their question and options as text and their votes as metrics.

Built on the real `t.me/s/durov` page: one of its messages (a photo without text) gets a
poll block in the markup t.me serves for polls (question, type, options with percent and
text, voters in the footer), so the rest of the page is exactly as recorded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from crawlers.parsing import telegram

SHARED = Path(os.environ.get("PANTAU_SHARED_DIR") or Path(__file__).resolve().parents[3] / "shared")
PAGE = SHARED / "fixtures-real" / "telegram" / "sherlock-telegram_channel_feed_durov.html"
pytestmark = pytest.mark.skipif(
    not PAGE.is_file(), reason=f"needs the shared real data at {SHARED} (absent on this checkout)"
)

OPTIONS = [("01", "41%"), ("02", "35%"), ("03", "24%")]


def poll_block(question: str) -> str:
    options = "".join(
        f"""<div class="tgme_widget_message_poll_option">
  <div class="tgme_widget_message_poll_option_percent">{percent}</div>
  <div class="tgme_widget_message_poll_option_value">
    <div class="tgme_widget_message_poll_option_text">{text}
    </div>
    <div class="tgme_widget_message_poll_option_bar accent_bg" style="width:{percent}"></div>
  </div>
</div>"""
        for text, percent in OPTIONS
    )
    return f"""<div class="tgme_widget_message_poll js-poll">
  <div class="tgme_widget_message_poll_question">{question}
  </div>
  <div class="tgme_widget_message_poll_type">Anonymous poll</div>
  <a class="tgme_widget_message_poll_options" href="https://t.me/durov/522">{options}</a>
</div>"""


def page_with_poll(question: str) -> bytes:
    """The real page, message 522's photo replaced by a poll and its footer given voters."""
    html = PAGE.read_text(encoding="utf-8")
    start = html.index('data-post="durov/522"')
    end = html.index('data-post="durov/523"')
    message = html[start:end]
    photo = re.search(r'<a class="tgme_widget_message_photo_wrap.*?</a>', message, re.S)
    assert photo is not None, "the recorded message 522 is a photo"
    message = message.replace(photo.group(0), poll_block(question))
    message = message.replace(
        '<span class="tgme_widget_message_views">',
        '<span class="tgme_widget_message_voters">12.4K</span>'
        '<span class="copyonly"> votes</span><span class="tgme_widget_message_views">',
        1,
    )
    return (html[:start] + message + html[end:]).encode("utf-8")


def test_poll_question_and_options_are_the_text_and_votes_are_metrics() -> None:
    page = telegram.parse_channel_page(
        page_with_poll("Pilih siapa: 01, 02 atau 03?"), url="https://t.me/s/durov"
    )
    poll = next(p for p in page.posts if p.platform_post_id == "durov/522")
    assert poll.text == "Pilih siapa: 01, 02 atau 03?\n- 01\n- 02\n- 03"
    assert poll.metrics["voters"] == 12400
    assert poll.metrics["poll"] == [
        {"option": "01", "percent": 41.0},
        {"option": "02", "percent": 35.0},
        {"option": "03", "percent": 24.0},
    ]
    assert poll.metrics["views"] == 7_050_000


def test_a_cyrillic_poll_keeps_its_text_and_the_other_messages_are_unchanged() -> None:
    recorded = telegram.parse_channel_page(PAGE.read_bytes(), url="https://t.me/s/durov")
    page = telegram.parse_channel_page(page_with_poll("Как лучше?"), url="https://t.me/s/durov")
    assert len(page.posts) == len(recorded.posts) == 20 and not page.bad
    poll = next(p for p in page.posts if p.platform_post_id == "durov/522")
    assert poll.text.startswith("Как лучше?\n- 01")
    others = {p.platform_post_id: p.text for p in page.posts if p is not poll}
    assert others == {
        p.platform_post_id: p.text for p in recorded.posts if p.platform_post_id != "durov/522"
    }
    # Messages without a poll carry no poll metrics.
    assert all("poll" not in p.metrics for p in recorded.posts)
