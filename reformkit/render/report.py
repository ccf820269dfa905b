"""A briefing as Markdown: the report's facts worded through ``describe``, rendered with Jinja2.

Templates are safe by default: every ``{{ expression }}`` is escaped as inline Markdown unless
it is already Markdown made by a filter (``cell``, ``md``) or by this module. Case text can
therefore never become a heading, link, image, HTML or a broken table, whatever it contains.
"""

from __future__ import annotations

from typing import Any

from reformkit import describe, labels
from reformkit.errors import UsageError
from reformkit.labels import Lang
from reformkit.render import markdown as md
from reformkit.report import Output, template_source


class Markdown(str):
    """Text that is already Markdown: templates print it as it is."""


def _meta_line(case: dict[str, Any], lang: Lang) -> Markdown:
    meta = [f"`{case['id']}`", md.inline(case["program_name"])]
    if case.get("batch") is not None:
        meta.append(describe.batch(case["batch"], lang))
    meta += [md.inline(describe.case_region(case)), case["published"]]
    if case.get("status", "implemented") != "implemented":
        meta.append(md.inline(describe.case_status(case, lang)))
    return Markdown(" · ".join(meta))


def _worded_case(case: dict[str, Any], lang: Lang) -> dict[str, Any]:
    key = case.get("key_metric")
    keys = case.get("key_metrics") or []
    return {
        **{name: value for name, value in case.items() if name not in ("key_metric", "key_metrics")},
        "region_text": describe.case_region(case),
        "status_text": describe.case_status(case, lang),
        "meta_line": _meta_line(case, lang),
        "source_text": describe.case_source(case, lang, program_name=case.get("program_name", "")),
        "metric_rows": [_worded_metric(m, lang) for m in case.get("metric_rows") or []],
        "key_figure": None if key is None else describe.key_figure(key, lang),
        "key_figures": [describe.key_figure(m, lang) for m in keys],
    }


def _worded_metric(metric: dict[str, Any], lang: Lang) -> dict[str, Any]:
    value, transition, change = describe.metric_parts(metric, lang)
    return {
        **metric,
        "figure": value,
        "transition": transition,
        "change_text": change,
        "kind_text": describe.kind_name(metric.get("kind"), lang),
        "as_of_text": describe.date_text(metric.get("as_of"), lang),
    }


def worded(data: dict[str, Any]) -> dict[str, Any]:
    """``report.context`` with the words templates print: headings (``h``), fixed words
    (``w``), the scope sentence and, per case, region_text, status_text, meta_line,
    source_text, key_figure, key_figures and each metric row's figure, transition,
    change_text, kind_text and as_of_text."""
    lang = labels.lang_of(data["lang"])
    # A case both listed and in a group (every case of an ungrouped report) is worded once:
    # at 10,000 cases a second copy of every case costs a quarter of the report's memory.
    worded_cases: dict[int, dict[str, Any]] = {}

    def done(case: dict[str, Any]) -> dict[str, Any]:
        found = worded_cases.get(id(case))
        if found is None:
            found = worded_cases[id(case)] = _worded_case(case, lang)
        return found

    return {
        **data,
        "h": labels.HEADINGS[lang],
        "w": labels.WORDS[lang],
        "scope": describe.scope(data, lang),
        "digest_scope": labels.WORDS[lang]["digest_scope"].format(count=data["count"]),
        "dated": labels.WORDS[lang]["dated"].format(date=describe.date_text(data["date"], lang))
        if data.get("date")
        else None,
        "cases": [done(c) for c in data["cases"]],
        "groups": [{**g, "cases": [done(c) for c in g["cases"]]} for g in data["groups"]],
    }


def _finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return md.inline(str(value))


def _environment(loader: Any) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=loader,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["cell"] = lambda text: Markdown(md.cell("" if text is None else str(text)))
    env.filters["md"] = lambda text: Markdown(md.inline("" if text is None else str(text)))
    env.filters["raw"] = lambda text: Markdown(str(text))
    env.filters["yaml_string"] = _yaml_string
    return env


def _yaml_string(text: Any) -> Markdown:
    """A YAML double-quoted scalar (JSON strings are valid YAML), for front matter."""
    from reformkit.textsafe import json_text

    return Markdown(json_text(str(text)))


def render(template: str, data: dict[str, Any]) -> str:
    """Render a template (built-in name or file) with ``report.context`` facts, worded.

    A mistake in the template (syntax, an undefined name, a sandbox violation, or an
    expression of its own that fails, such as ``{{ 1/0 }}``) is a UsageError naming the file
    and line, with the cause chained for ``--debug``. An exception raised inside reformkit's
    own code (a filter, the wording) is a bug and is not caught.
    """
    import jinja2

    name, text = template_source(template)
    env = _environment(
        jinja2.FunctionLoader(lambda wanted: (text, name, lambda: True) if wanted == name else None)
    )
    try:
        compiled = env.get_template(name)
        output: str = compiled.render(**worded(data))
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"{name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateError as exc:  # UndefinedError, SecurityError, TemplateNotFound, …
        raise UsageError(f"{name}:{_template_line(exc, name)}: template error: {exc}") from exc
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        if not _raised_in_template(exc, name):
            raise
        raise UsageError(f"{name}:{_template_line(exc, name)}: template error: {exc}") from exc
    if output.endswith("\n") and not output.endswith("\n\n"):
        return output  # as it must end: no copy (a 10,000-case briefing is tens of MB)
    return output.rstrip("\n") + "\n"


def _raised_in_template(exc: BaseException, name: str) -> bool:
    """Whether the innermost frame of ``exc`` is the template's own code."""
    traceback = exc.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback.tb_frame.f_code.co_filename == name


def _template_line(exc: BaseException, name: str) -> int | str:
    traceback = exc.__traceback__
    line: int | str = "?"
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == name:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def markdown(data: dict[str, Any], output: Output) -> str:
    """The registry's writer of ``report --to md``: ``render`` with the output's template."""
    return render(output.template, data)
