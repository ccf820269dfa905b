"""Bar charts of the reductions as inline SVG: one chart per kind, one bar per case.

Text is SVG text in the page's CJK font stack (no fonts embedded, no images), escaped with
``html.escape``. Stated figures are solid bars; figures computed from before and after are
hatched, as the legend says.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from reformkit.render.briefing import office as plain
from reformkit.report.chart import Bar, KindChart
from reformkit.wording import briefing as words
from reformkit.wording.labels import Lang

FONT_STACK = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
    "'SimHei', '黑体', 'WenQuanYi Micro Hei', sans-serif"
)
STATED_COLOUR = "#8b1a1a"
COMPUTED_COLOUR = "#c77"
WIDTH = 600  # about the 156 mm type area at 96 px per inch: text keeps its size
LABEL_WIDTH = 250  # the case title column
BAR_LEFT = 258
BAR_WIDTH = 225  # the full scale (the figure is written after the bar)
FONT_SIZE = 15
LINE = 18
TITLE_CHARS = 16  # characters of a title per line (CJK at 15 px in 250 px)


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` cut into at most ``lines`` lines of ``width`` characters, '…' if cut short.

    Wide (CJK) characters count as one, narrow ones as half.
    """
    out: list[str] = []
    current, used = "", 0.0
    for char in " ".join(text.split()):
        size = 1.0 if ord(char) > 0x2E7F else 0.55
        if used + size > width:
            out.append(current)
            current, used = "", 0.0
            if len(out) == lines:
                break
        current += char
        used += size
    else:
        if current or not out:
            out.append(current)
        return out
    out[-1] = out[-1][:-1] + "…"
    return out


def _pattern(kind: str) -> str:
    return (
        f'<pattern id="hatch-{kind}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3dcdc"/>'
        f'<rect width="2.5" height="6" fill="{COMPUTED_COLOUR}"/></pattern>'
    )


def _row(bar: Bar, top: float, scale: float, kind: str, lang: Lang, number: str) -> tuple[str, float]:
    """One bar's SVG and its height; ``number`` is the case's as its heading carries it."""
    title_lines = wrap(number + bar.case_title, TITLE_CHARS, 2)
    label_line = wrap(bar.label, TITLE_CHARS + 4, 1)[0] if bar.label else ""
    lines = len(title_lines) + (1 if label_line else 0)
    height = lines * LINE + 10
    parts = []
    y = top + 5 + FONT_SIZE
    for line in title_lines:
        parts.append(f'<text x="0" y="{y:g}" font-size="{FONT_SIZE}">{escape(line)}</text>')
        y += LINE
    if label_line:
        parts.append(f'<text x="0" y="{y:g}" font-size="12" fill="#595959">{escape(label_line)}</text>')
    magnitude = abs(bar.pct_max if bar.pct_max is not None else bar.pct)
    length = max(magnitude / scale * BAR_WIDTH, 1.5 if magnitude else 0)
    bar_height = 16
    bar_top = top + (height - bar_height) / 2
    fill = STATED_COLOUR if bar.stated else f"url(#hatch-{kind})"
    outline = "" if bar.stated else f' stroke="{COMPUTED_COLOUR}" stroke-width="1"'
    parts.append(
        f'<rect class="{"stated" if bar.stated else "computed"}" x="{BAR_LEFT}" y="{bar_top:g}" '
        f'width="{length:.1f}" height="{bar_height}" fill="{fill}"{outline}/>'
    )
    words = escape(plain.bar_words(bar, lang))
    parts.append(
        f'<text x="{BAR_LEFT + length + 6:.1f}" y="{bar_top + 12.5:g}" font-size="{FONT_SIZE}" '
        f'font-weight="bold">{words}</text>'
    )
    parts.append(
        f'<line x1="0" x2="{WIDTH}" y1="{top + height:g}" y2="{top + height:g}" stroke="#d9d9d9" stroke-width="0.5"/>'
    )
    return "".join(parts), height


def svg(chart: KindChart, lang: Lang, number: Callable[[int], str]) -> str:
    """The chart of one kind as an <svg> element (a string of escaped markup); ``number``
    gives a case's number, from its position, as its heading carries it."""
    title = words.chart_title(chart.kind, lang)
    rows, top = [], 0.0
    for bar in chart.bars:
        markup, height = _row(bar, top, chart.scale, chart.kind, lang, number(bar.position))
        rows.append(markup)
        top += height
    axis = f'<line x1="{BAR_LEFT}" x2="{BAR_LEFT}" y1="0" y2="{top:g}" stroke="#000" stroke-width="0.8"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-kind="{escape(chart.kind)}" '
        f'role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {top:g}" '
        f'width="{WIDTH}" height="{top:g}" font-family="{escape(FONT_STACK)}">'
        f"<title>{escape(title)}</title><defs>{_pattern(chart.kind)}</defs>" + "".join(rows) + axis + "</svg>"
    )


def legend(lang: Lang) -> str:
    """The stated/computed key, as a small SVG of its own."""
    labels = words.LABELS[lang]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="legend" viewBox="0 0 {WIDTH} 22" '
        f'width="{WIDTH}" height="22" font-family="{escape(FONT_STACK)}">'
        f"<defs>{_pattern('legend')}</defs>"
        f'<rect x="0" y="3" width="28" height="14" fill="{STATED_COLOUR}"/>'
        f'<text x="34" y="16" font-size="{FONT_SIZE}">{escape(labels["stated"])}</text>'
        f'<rect x="200" y="3" width="28" height="14" fill="url(#hatch-legend)" stroke="{COMPUTED_COLOUR}"/>'
        f'<text x="234" y="16" font-size="{FONT_SIZE}">{escape(labels["computed"])}</text>'
        "</svg>"
    )
