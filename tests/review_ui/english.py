"""The words an Indonesian page never shows (issue 15), for the Chromium walk of every page
and for pages only a form post reaches (a registry preview's row reasons)."""

from __future__ import annotations

import re

from lxml import html

# English UI words and raw enum values.
ENGLISH = {
    "succeeded",
    "failed",
    "running",
    "pending",
    "approved",
    "queued",
    "claimed",
    "confirmed",
    "dismissed",
    "escalated",
    "draft",
    "returned",
    "exported",
    "acknowledged",
    "closed",
    "post",
    "posts",
    "repost",
    "reply",
    "comment",
    "bundled",
    "shipped",
    "explanation",
    "supported",
    "other",
    "file",
    "none",
    "true",
    "false",
    "unknown",
    "suspected",
    "error",
    "registry",
    "linked",
    "delivered",
    "sent",
    "crawl",
    "import",
    "keyword",
    "the",
    "and",
    "of",
    "with",
    "by",
    "to",
    "is",
    "not",
    # What the registry imports' row reasons used to say (issue 11).
    "already",
    "line",
    "must",
    "empty",
    "expected",
    "found",
    "columns",
    "characters",
    "limit",
    "digits",
    "cannot",
    "required",
    "differs",
    "whole",
    "header",
    "row",
    "rows",
    "nothing",
    "imported",
}
RAW = {
    "FUNGSIONAL",
    "PELAKSANA",
    "ADMINISTRATOR_",
    "JPT_PRATAMA",
    "JPT_MADYA",
    "not_asn",
    "not_partisan",
    "public_report",
    "raw_json",
    "registry_nip",
    "pending_approval",
    "recommendation_issued",
    "vote_call",
    "Rss",
    "Youtube",
    "Tiktok",
    "Other",
}
WORD = re.compile(r"[A-Za-z_]+")


def offenders(text: str) -> set[str]:
    words = set(WORD.findall(text))
    return {w for w in words if w.lower() in ENGLISH or w in RAW}


# What the Chromium walk drops before reading a page (VISIBLE_WORDS there): machine values
# set in .mono or <code>, form fields, and what a browser does not show.
MACHINE = (
    "//code | //script | //style | //template | //input | //textarea"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' mono ')]"
)


def page_offenders(page: str) -> set[str]:
    """offenders() of an HTML page's text without a browser."""
    body = html.fromstring(page).body
    for element in body.xpath(MACHINE):
        element.drop_tree()
    return offenders(body.text_content())
