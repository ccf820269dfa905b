"""Markdown for case text: escaping in one place, and one case as a Markdown section.

Case text is data. ``inline`` escapes Markdown punctuation and HTML so text can never become
a link, image, emphasis, code span or raw HTML; ``cell`` also keeps a table row intact
(``|`` escaped, newlines turned into ``<br>``).
"""

from __future__ import annotations

import re
from typing import Any

from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

#: What ``inline`` replaces, one character at a time: control and bidirectional-override
#: characters are dropped, HTML's three characters become references, Markdown punctuation
#: gets a backslash and an e-mail's ``@`` (which GFM would link) a reference.
_REPLACEMENTS: dict[str, str] = {
    **{chr(code): "" for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))},
    **{char: "" for char in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"},
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    **{char: "\\" + char for char in "\\`*_[]|~"},
    "@": "&#64;",
}
_REPLACED = re.compile("[" + "".join(re.escape(char) for char in _REPLACEMENTS) + "]")
_WWW = re.compile(r"www\.", re.IGNORECASE)
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def inline(text: str, *, block_start: bool = True) -> str:
    """Text as inert inline Markdown (one line: newlines become spaces).

    ``block_start`` also escapes what would open a heading, quote or list when the text
    starts a line (not needed inside a table cell).
    """
    return inline_text(str(text), block_start)


def inline_text(text: str, block_start: bool = True) -> str:
    """``inline`` of a ``str``; a short text at the start of a line is escaped once a process
    and remembered in ``ESCAPED``."""
    if not block_start:
        return _inline(text, False)
    escaped = ESCAPED.get(text)
    if escaped is None:
        escaped = _inline(text, True)
        _remember(ESCAPED, text, escaped)
    return escaped


#: Short texts as ``inline`` escapes them, as a report repeats them in every case (headings,
#: regions, programs, numbers): a caller that escapes very many texts may look here first.
#: Emptied (never replaced) when it holds ``_REMEMBERED`` texts.
ESCAPED: dict[str, str] = {}
#: Short texts as ``cell`` escapes them.
_CELLS: dict[str, str] = {}
#: What is remembered: texts up to ``_SHORT`` characters, up to ``_REMEMBERED`` of them.
_SHORT = 80
_REMEMBERED = 4096


def _remember(memo: dict[str, str], text: str, escaped: str) -> None:
    if len(text) <= _SHORT:
        if len(memo) >= _REMEMBERED:
            memo.clear()
        memo[text] = escaped


def _inline(text: str, block_start: bool) -> str:
    text = _REPLACED.sub(_replacement, text)
    # GFM turns bare URLs and www. names into links: break the triggers with character
    # references, which render as the same characters. (What the pass above inserts holds
    # neither, and the characters it drops can no longer hide one.)
    if "://" in text:
        text = text.replace("://", "&#58;//")
    if "." in text:
        text = _WWW.sub(lambda m: m.group()[:3] + "&#46;", text)
    text = " ".join(text.split())
    # Only at the start of a block can these open a heading, quote or list; the text starts
    # with no space now, and re's \d is str.isdecimal.
    if block_start and text and (text[0] in "#>+-=" or text[0].isdecimal()):
        return _BLOCK_START.sub(_escape_block_start, text)
    return text


def _escape_block_start(match: re.Match[str]) -> str:
    space, mark = match.groups()
    return f"{space}{mark}\\" if mark.isdigit() else f"{space}\\{mark}"


def cell(text: str) -> str:
    """Text for a GFM table cell: inline-escaped, with line breaks kept as <br>."""
    text = str(text)
    escaped = _CELLS.get(text)
    if escaped is None:
        escaped = _cell(text)
        _remember(_CELLS, text, escaped)
    return escaped


def _cell(text: str) -> str:
    lines = text.splitlines()
    if len(lines) <= 1:
        return _inline(lines[0] if lines else "", False)
    return "<br>".join(_inline(line, False) for line in lines)


#: The punctuation that ends a sentence, printed after a bold lead rather than in it.
SENTENCE_ENDS = "。．.！!？?；;…"


def bold_lead(title: str, detail: str, lang: Lang) -> str:
    """A practice or outcome as Markdown: its title bold and closed with 。 or '.'
    (``wording.briefing.lead_in``), then its detail: ``**标题**。正文`` (English: a space before
    the detail). The closing punctuation stands after the bold, since CommonMark does not close
    ``**`` after punctuation followed by a letter (``**标题。**正文`` would print its
    asterisks); quotes, brackets and a figure's % stay in it (``**满意率97.94%**。``)."""
    from reformkit.wording.briefing import after_lead_in, lead_in

    lead = lead_in(title, lang)
    core = lead.rstrip(SENTENCE_ENDS) or lead
    bold = f"**{inline(core, block_start=False)}**" if core else ""
    tail = after_lead_in(inline(detail, block_start=False), lang) if detail else ""
    return bold + inline(lead[len(core) :], block_start=False) + tail


def case_section(case: dict[str, Any], *, level: int = 1, lang: Lang = "zh", program_name: str = "") -> str:
    """One case as Markdown: heading, meta, summary, practices, outcomes, metrics, source."""
    h = labels.HEADINGS[lang]
    colon = labels.WORDS[lang]["colon"]
    hashes = "#" * level
    out = [f"{hashes} {inline(case['title'])}", ""]
    if case.get("subtitle"):
        out += [f"*{inline(case['subtitle'])}*", ""]
    meta = [f"`{case['id']}`", inline(describe.case_region(case)), case.get("published", "")]
    if case.get("status", "implemented") != "implemented":
        meta.append(inline(describe.case_status(case, lang)))
    out += [" · ".join(m for m in meta if m), ""]
    if case.get("agencies"):
        out += [f"{h['agencies']}{colon}" + "、".join(inline(a) for a in case["agencies"]), ""]
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
            out.append(f"{number}. " + bold_lead(str(item.get("title") or ""), str(item.get("detail") or ""), lang))
        out.append("")
    metrics = case.get("metrics") or []
    if metrics:
        out += [f"{sub} {h['metrics']}", ""]
        out.append("| " + " | ".join(h[name] for name in describe.METRIC_COLUMNS) + " |")
        out.append("|---" * len(describe.METRIC_COLUMNS) + "|")
        for metric in metrics:
            out.append("| " + " | ".join(cell(c) for c in describe.metric_row(metric, lang)) + " |")
        out.append("")
    if case.get("recognition"):
        out += [f"{sub} {h['recognition']}", ""] + [f"- {inline(r)}" for r in case["recognition"]] + [""]
    cited = describe.case_source(case, lang, program_name=program_name)
    out += [f"{sub} {h['source']}", "", inline(cited), ""]
    return "\n".join(out)
