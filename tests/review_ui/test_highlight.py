"""Highlighting escapes the text first and puts marks only around escaped pieces."""

from __future__ import annotations

from review_ui.highlight import clean_spans, highlight


def test_text_is_escaped_and_spans_are_marked():
    text = "<b>Ayo</b> coblos nomor 2 & menang"
    start = text.index("coblos")
    html = str(highlight(text, [{"kind": "vote_call", "start": start, "end": start + 6}]))
    assert html == (
        '&lt;b&gt;Ayo&lt;/b&gt; <mark class="m-vote_call" title="Ajakan memilih">coblos</mark>'
        " nomor 2 &amp; menang"
    )


def test_a_span_cutting_through_markup_stays_harmless():
    text = '<img src=x onerror="alert(1)">'
    html = str(highlight(text, [{"kind": "candidate", "start": 1, "end": 9}]))
    assert "<img" not in html and "&lt;" in html
    assert '<mark class="m-candidate" title="Calon">img src=</mark>' in html


def test_bad_matches_are_dropped():
    text = "halo dunia"
    spans = clean_spans(
        [
            {"kind": "<script>", "start": 0, "end": 4},  # unknown kind
            {"kind": "number", "start": -1, "end": 4},  # outside the text
            {"kind": "number", "start": 0, "end": 99},
            {"kind": "number", "start": "0", "end": 4},  # not an int
            {"kind": "hashtag", "start": 3, "end": 3},  # empty
            "not a dict",
            {"kind": "candidate", "start": 0, "end": 4},
            {"kind": "party", "start": 2, "end": 8},  # overlaps the one before: dropped
            {"kind": "slogan", "start": 5, "end": 10},
        ],
        len(text),
    )
    assert [(s.kind, s.start, s.end) for s in spans] == [("candidate", 0, 4), ("slogan", 5, 10)]


def test_no_matches_is_just_escaped_text():
    assert str(highlight("a<b", None)) == "a&lt;b"
