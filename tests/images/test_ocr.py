"""OCR recall of campaign words on posters rendered like the replay server's."""

from __future__ import annotations

import re

import pytest

from classifier.images.ocr import parse_tsv, read_words
from classifier.images.safety import load_rgb
from crawlers.replay.images import demo_pairs, poster_lines, render_photo, render_poster

pytestmark = pytest.mark.slow


def campaign_words(lines: list[tuple[str, int]]) -> list[str]:
    return [w for text, _ in lines for w in re.findall(r"[#\w.]+", text.lower())]


def test_recall_of_campaign_words_on_rendered_posters_is_at_least_95_percent() -> None:
    expected = found = 0
    for seed, pair in enumerate(demo_pairs()):
        words = read_words(load_rgb(render_poster(pair, seed)))
        read = " ".join(w.text for w in words).lower()
        wanted = campaign_words(poster_lines(pair))
        expected += len(wanted)
        found += sum(1 for w in wanted if w in read)
        assert "coblos" in read and f"no. {pair.number}" in read
    assert expected > 50
    assert found / expected >= 0.95, (found, expected)


def test_a_photo_without_text_reads_no_campaign_words() -> None:
    read = " ".join(w.text.lower() for w in read_words(load_rgb(render_photo(3))))
    assert "coblos" not in read and "nomor" not in read


def test_boxes_are_scaled_back_to_the_image() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "5\t1\t1\t1\t1\t1\t200\t100\t60\t40\t91.5\tCoblos\n"
        "5\t1\t1\t1\t1\t2\t280\t100\t20\t40\t12.0\t~\n"
        "5\t1\t1\t1\t2\t1\t200\t160\t50\t40\t88.0\t---\n"
    )
    [word] = parse_tsv(tsv, scale=2.0)
    assert (word.text, word.confidence) == ("Coblos", 0.92)
    assert word.box.to_list() == [100, 50, 30, 20]
