"""The briefing as one self-contained HTML page, ready to print on A4.

No network, no scripts: CSS inline, charts as inline SVG. Jinja2 renders
``templates/briefing.html.j2`` with autoescape on, so every piece of case text is escaped
(``html.escape`` rules); case text never becomes a tag, an attribute or a link.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from reformkit.render.briefing import office as plain
from reformkit.render.briefing import svg
from reformkit.report.briefing import Output
from reformkit.report.chart import reduction_charts
from reformkit.wording import describe

TEMPLATE = "briefing.html.j2"


def _finalize(value: Any) -> Any:
    """None prints nothing; text loses control and bidi characters before it is escaped."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return plain.clean(value)


def write(data: dict[str, Any], output: Output | None = None) -> str:
    """The briefing of ``data`` (``reformkit.report.briefing.context``) as an HTML document, with
    charts unless ``output.charts`` is false."""
    charts = output.charts if output else True
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    lang = data["lang"]
    grouped = any(group["name"] for group in data["groups"])
    level = 2 if grouped else 1
    groups = []
    for index, group in enumerate(data["groups"], 1):
        members = [
            {
                **case,
                "number": plain.numbered(number if grouped else case["position"], level, lang),
                "plain_meta": plain.meta_line(case, lang),
                "parts": plain.case_parts(case, lang, level + 1),
            }
            for number, case in enumerate(group["cases"], 1)
        ]
        groups.append({**group, "number": plain.numbered(index, 1, lang), "cases": members})
    found = reduction_charts(data["cases"]) if charts else []
    env = SandboxedEnvironment(
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["region"] = describe.case_region
    env.filters["lead_in"] = lambda title: plain.lead_in(title or "", lang)
    source = resources.files("reformkit.templates").joinpath(TEMPLATE).read_text("utf-8")
    page = env.from_string(source).render(
        {**data, "groups": groups},
        level=level,
        by_program=plain.by_program(data),
        labels=plain.LABELS[lang],
        h=describe.HEADINGS[plain.language(lang)],
        scope=plain.scope_line(data),
        legend=Markup(svg.legend(lang)),
        charts=[
            {
                "kind": chart.kind,
                "number": plain.numbered(number, 2, lang),
                "title": plain.chart_title(chart.kind, lang),
                "svg": Markup(svg.svg(chart, lang)),
            }
            for number, chart in enumerate(found, 1)
        ],
    )
    return page
