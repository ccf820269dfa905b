"""Markdown for case text: escaping in one place, and one case as a Markdown section.

Case text is data. ``inline`` escapes Markdown punctuation and HTML so text can never become
a link, image, emphasis, code span or raw HTML; ``cell`` also keeps a table row intact
(``|`` escaped, newlines turned into ``<br>``).
"""

from __future__ import annotations

import re
from typing import Any

from reformkit import describe

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_AUTOLINK = re.compile(r"://|www\.", re.IGNORECASE)
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inline(text: str, *, block_start: bool = True) -> str:
    """Text as inert inline Markdown (one line: newlines become spaces).

    ``block_start`` also escapes what would open a heading, quote or list when the text
    starts a line (not needed inside a table cell).
    """
    text = _CONTROL.sub("", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # GFM turns bare URLs, www. names and e-mail addresses into links: break the triggers
    # with character references, which render as the same characters.
    text = _AUTOLINK.sub(lambda m: "&#58;//" if m.group() == "://" else m.group()[:3] + "&#46;", text)
    text = text.replace("@", "&#64;")
    text = " ".join(text.split())
    # Only at the start of a block can these open a heading, quote or list.
    return _BLOCK_START.sub(_escape_block_start, text) if block_start else text


def _escape_block_start(match: re.Match[str]) -> str:
    space, mark = match.groups()
    return f"{space}{mark}\\" if mark.isdigit() else f"{space}\\{mark}"


def cell(text: str) -> str:
    """Text for a GFM table cell: inline-escaped, with line breaks kept as <br>."""
    lines = str(text).splitlines() or [""]
    return "<br>".join(inline(line, block_start=False) for line in lines)


def case_section(case: dict[str, Any], *, level: int = 1, lang: str = "zh") -> str:
    """One case as Markdown: heading, meta, summary, practices, outcomes, metrics, source."""
    h = describe.HEADINGS[lang]
    hashes = "#" * level
    out = [f"{hashes} {inline(case['title'])}", ""]
    if case.get("subtitle"):
        out += [f"*{inline(case['subtitle'])}*", ""]
    meta = [f"`{case['id']}`", inline(describe.case_region(case)), case.get("published", "")]
    if case.get("status", "implemented") != "implemented":
        meta.append(describe.case_status(case))
    out += [" · ".join(m for m in meta if m), ""]
    if case.get("agencies"):
        out += [f"{h['agencies']}: " + "、".join(inline(a) for a in case["agencies"]), ""]
    if case.get("tags"):
        out += [" ".join(f"#{inline(t)}" for t in case["tags"]), ""]
    sub = "#" * (level + 1)
    if case.get("summary"):
        out += [f"{sub} {h['summary']}", "", inline(case["summary"]), ""]
    for key in ("practices", "outcomes"):
        items = case.get(key) or []
        if not items:
            continue
        out += [f"{sub} {h[key]}", ""]
        for number, item in enumerate(items, 1):
            line = f"{number}. **{inline(item['title'])}**"
            if item.get("detail"):
                line += " " + inline(item["detail"])
            out.append(line)
        out.append("")
    metrics = case.get("metrics") or []
    if metrics:
        out += [f"{sub} {h['metrics']}", ""]
        out.append("| " + " | ".join(h[name] for name in describe.METRIC_COLUMNS) + " |")
        out.append("|---" * len(describe.METRIC_COLUMNS) + "|")
        for metric in metrics:
            out.append("| " + " | ".join(cell(c) for c in describe.metric_row(metric)) + " |")
        out.append("")
    if case.get("recognition"):
        out += [f"{sub} {h['recognition']}", ""] + [f"- {inline(r)}" for r in case["recognition"]] + [""]
    out += [f"{sub} {h['source']}", "", inline(describe.case_source(case)), ""]
    return "\n".join(out)
