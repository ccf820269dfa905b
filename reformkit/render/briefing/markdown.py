"""A briefing as Markdown: the report's facts worded through ``describe``, rendered with Jinja2.

Templates are safe by default: every ``{{ expression }}`` is escaped as inline Markdown unless
it is already Markdown made by a filter (``cell``, ``md``) or by this module. Case text can
therefore never become a heading, link, image, HTML or a broken table, whatever it contains.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Mapping
from typing import Any

from reformkit.config import ReportSettings
from reformkit.errors import UsageError
from reformkit.render import markdown as md
from reformkit.render.briefing.anchors import Anchors
from reformkit.render.briefing.office import by_program
from reformkit.report.briefing import BriefCase, Briefing
from reformkit.report.output import Output, is_builtin, template_source
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang


class Markdown(str):
    """Text that is already Markdown: templates print it as it is."""


def _meta_line(entry: BriefCase, lang: Lang) -> Markdown:
    case = entry.case
    meta = [f"`{case['id']}`", md.inline(entry.program_name)]
    if case.get("batch") is not None:
        meta.append(describe.batch(case["batch"], lang))
    meta += [md.inline(describe.case_region(case)), md.inline(describe.date_text(case["published"], lang))]
    if case.get("status", "implemented") != "implemented":
        meta.append(md.inline(describe.case_status(case, lang)))
    return Markdown(" · ".join(meta))


#: Optional case keys, present in every template's case (None or empty) so templates can test them.
_OPTIONAL_DEFAULTS: dict[str, Any] = {
    "subtitle": None,
    "batch": None,
    "number": None,
    "due": None,
    "summary": None,
    "agencies": [],
    "tags": [],
    "outcomes": [],
    "metrics": [],
    "recognition": [],
    "related": [],
}


def _case_words(entry: BriefCase, lang: Lang, anchor: str) -> dict[str, Any]:
    """What a template sees of a case: its data (optional keys present), its number
    (``position``), ``heading`` and ``anchor``, and its words."""
    case = entry.case
    figures = [describe.key_figure(m, lang) for m in entry.key_metrics]
    return {
        **_OPTIONAL_DEFAULTS,
        **case,
        "practices": [{"detail": None, **item} for item in case.get("practices") or []],
        "outcomes": [{"detail": None, **item} for item in case.get("outcomes") or []],
        "position": entry.position,
        "heading": _heading(entry),
        "anchor": anchor,
        "program_name": entry.program_name,
        "region_text": describe.case_region(case),
        "published_text": describe.date_text(case["published"], lang),
        "status_text": describe.case_status(case, lang),
        "meta_line": _meta_line(entry, lang),
        "source_text": describe.case_source(case, lang, program_name=entry.program_name),
        "metric_rows": [_worded_metric(m, lang) for m in case.get("metrics") or []],
        "key_figure": figures[0] if figures else None,
        "key_figures": figures,
    }


def _heading(entry: BriefCase) -> str:
    return f"{entry.position}. {entry.title}"


def _worded_metric(metric: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    value, transition, change = describe.metric_parts(metric, lang)
    return {
        "as_of": None,
        "note": None,
        **metric,
        "figure": value,
        "transition": transition,
        "change_text": change,
        "kind_text": describe.kind_name(metric.get("kind"), lang),
        "as_of_text": describe.date_text(metric.get("as_of"), lang),
    }


def worded(briefing: Briefing) -> dict[str, Any]:
    """What a template is given: the briefing's facts (title, lang, date, front_matter, count,
    programs, years, group_by, ``cases`` in document order and ``groups`` with their cases and
    ``see_also``), every case with its data and words (see ``_case_words``), headings (``h``),
    fixed words (``w``), the scope sentence and the anchors of the headings, in document order."""
    lang = briefing.lang
    anchors = Anchors()
    anchors(briefing.title)  # the document's own heading takes the first anchor of its text
    shown: dict[int, dict[str, Any]] = {}
    groups: list[dict[str, Any]] = []
    for group in briefing.groups:
        anchor = anchors(group.name) if group.name is not None else None
        members = [
            shown.setdefault(entry.position, _case_words(entry, lang, anchors(_heading(entry))))
            for entry in group.cases
        ]
        groups.append({"name": group.name, "anchor": anchor, "cases": members})
    for found, group in zip(groups, briefing.groups, strict=True):
        found["see_also"] = [
            {"heading": _heading(e), "anchor": shown[e.position]["anchor"], "id": e.id}
            for e in group.see_also
        ]
    words = labels.WORDS[lang]
    return {
        "title": briefing.title,
        "lang": lang,
        "date": briefing.date,
        "front_matter": briefing.front_matter,
        "group_by": briefing.group_by,
        "count": briefing.count,
        "programs": list(briefing.programs),
        "years": list(briefing.years),
        "cases": [shown[entry.position] for entry in briefing.cases],
        "groups": groups,
        "overview": [
            (program, [shown[entry.position] for entry in members]) for program, members in by_program(briefing)
        ],
        "h": labels.HEADINGS[lang],
        "w": words,
        "scope": describe.scope(briefing.count, briefing.programs, briefing.years, lang),
        "digest_scope": words["digest_scope"].format(count=briefing.count),
        "dated": words["dated"].format(date=describe.date_text(briefing.date, lang))
        if briefing.date
        else None,
    }


_escaped = md.ESCAPED.get


def _finalize(value: Any) -> str:
    if type(value) is str:  # the most common case first: case text, escaped
        escaped = _escaped(value)
        return md.inline_text(value) if escaped is None else escaped
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return md.inline(str(value))


def _environment(loader: Any, *, user: bool = False) -> Any:
    from jinja2 import StrictUndefined

    env = (_user_sandbox() if user else _sandbox())(
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
    env.filters["lead_in"] = _lead_in
    return env


#: The names a plain dict answers as attributes (its methods and object's), which the sandbox
#: prefers to its keys and checks; any other name of a dict can only be a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


@functools.cache
def _sandbox() -> Any:
    """Jinja's SandboxedEnvironment, with ``case.title`` on a plain dict looked up as the key
    at once: the sandbox asks for an attribute first and takes the key when that fails, and a
    plain dict has no attribute of such a name, so the answer is the same without the failed
    attribute lookup. Every other lookup is the sandbox's own."""
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return Sandbox


@functools.cache
def _user_sandbox() -> Any:
    """The sandbox of a user's template: ``*`` and ``**`` checked before they run (so neither
    is worked out while the template compiles), see ``sandbox.check_binop``."""
    from reformkit.render.briefing.sandbox import check_binop

    class UserSandbox(_sandbox()):  # type: ignore[misc]
        intercepted_binops = frozenset({"*", "**"})
        max_output = 256 << 20

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            check_binop(operator, left, right, self.max_output)
            return super().call_binop(context, operator, left, right)

    return UserSandbox


@functools.lru_cache(maxsize=16)
def _compiled(name: str, text: str, max_output: int | None = None) -> Any:
    """The template ``text`` compiled, once a process for each name and text: a built-in
    template from its module in ``reformkit.templates.compiled`` while that is current; a
    user's (``max_output`` given) in the box of ``sandbox``."""
    import jinja2

    env = _environment(
        jinja2.FunctionLoader(lambda wanted: (text, name, lambda: True) if wanted == name else None),
        user=max_output is not None,
    )
    if max_output is not None:
        from reformkit.render.briefing.sandbox import box

        box(env, max_output)
        return env.get_template(name)
    module = _precompiled_module(name, text)
    if module is None:
        return env.get_template(name)
    template = env.template_class.from_module_dict(env, vars(module), env.make_globals(None))
    # As compiled from its text: errors are located in the template by this name, not in the
    # module's file (see ``_template_line``).
    template.filename = name
    return template


def _precompiled_module(name: str, text: str) -> Any:
    """The module compiled from a built-in template whose text is ``text``, made by the Jinja2
    that runs; else None (the template is compiled as any other)."""
    import importlib

    import jinja2

    from reformkit.report.output import BUILTIN_TEMPLATES

    stem = name.removesuffix(".md.j2")
    if stem not in BUILTIN_TEMPLATES or name != f"{stem}.md.j2":
        return None
    try:
        module = importlib.import_module(f"reformkit.templates.compiled.{stem}")
    except ImportError:
        return None
    current = (
        getattr(module, "SOURCE_SHA256", None) == _sha256(text)
        and getattr(module, "JINJA2", None) == jinja2.__version__
        and getattr(module, "ENVIRONMENT", None) == _environment_key()
    )
    return module if current else None


@functools.cache
def _environment_key() -> str:
    """What of the report environment shapes the code Jinja2 writes for a template: its
    whitespace and escaping options, and the filters and finalizer by name."""
    env = _environment(None)
    options = ("trim_blocks", "lstrip_blocks", "keep_trailing_newline", "autoescape", "finalize")
    shown = [
        f"{option}={getattr(getattr(env, option), '__qualname__', getattr(env, option))}"
        for option in options
    ]
    return " ".join([*shown, "filters=" + ",".join(sorted(env.filters))])


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def precompiled_source(name: str, text: str) -> str:
    """The module ``tools/compile_templates.py`` writes for a built-in template: Jinja2's own
    Python for it, with the text and Jinja2 version it was made from, so that the renderer
    uses it only while both are the same."""
    import jinja2

    code = _environment(None).compile(text, name, name, raw=True, defer_init=True)
    # Jinja2's code first, from the module's first line: its ``debug_info`` maps the lines of
    # that code to the template's, which an error message names.
    return (
        f"{code}\n\n"
        f"# {name} as Jinja2 compiles it for the report environment, written by\n"
        "# tools/compile_templates.py from the template: do not edit. The renderer uses it only\n"
        "# while the template's text, Jinja2's version and the environment are these. It is\n"
        "# Jinja2's untyped code, so mypy does not check it:\n"
        "# mypy: ignore-errors\n"
        f"SOURCE_SHA256 = {_sha256(text)!r}\n"
        f"JINJA2 = {jinja2.__version__!r}\n"
        f"ENVIRONMENT = {_environment_key()!r}\n"
    )


def _lead_in(item: Any, lang: str) -> Markdown:
    """A practice or outcome as Markdown (``render.markdown.bold_lead``): ``**标题**。正文``."""
    title, detail = str(item.get("title") or ""), str(item.get("detail") or "")
    return Markdown(md.bold_lead(title, detail, labels.lang_of(lang)))


def _yaml_string(text: Any) -> Markdown:
    """A YAML double-quoted scalar (JSON strings are valid YAML), for front matter."""
    from reformkit.text.escape import json_text

    return Markdown(json_text(str(text)))


def render(template: str, briefing: Briefing, limits: ReportSettings | None = None) -> str:
    """Render a template (built-in name or file) with a briefing's facts, worded."""
    return render_words(template, worded(briefing), limits)


def render_words(template: str, words: dict[str, Any], limits: ReportSettings | None = None) -> str:
    """Render a template (built-in name or file) with what ``worded`` makes of a briefing.

    A mistake in the template (syntax, an undefined name, a sandbox violation, or an
    expression of its own that fails, such as ``{{ 1/0 }}``) is a UsageError naming the file
    and line, with the cause chained for ``--debug``. An exception raised inside reformkit's
    own code (a filter, the wording) is a bug and is not caught. A user's template runs
    under ``limits`` (``[report]``): see ``sandbox``.
    """
    import jinja2

    from reformkit.render.briefing.sandbox import (
        TemplateLimit,
        bounded_output,
        deadline,
        raised_in_jinja_or_python,
        raised_in_template,
    )

    limits = limits or ReportSettings()
    name, text = template_source(template, limits.template_max_bytes)
    user = not is_builtin(template)
    try:
        with deadline(limits.template_seconds) if user else contextlib.nullcontext():
            compiled = _compiled(name, text, limits.template_max_output if user else None)
            if user:
                chunks = compiled.generate(**words)
                output = "".join(bounded_output(chunks, limits.template_max_output))
            else:
                output = compiled.render(**words)
    except TemplateLimit as exc:
        raise UsageError(f"{_where(exc, name)}: template stopped: {exc}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"{name}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:  # an include or import: a --template is one file
        raise UsageError(
            f"{_where(exc, name)}: template error: cannot include or import {exc.name!r}; "
            "a template is one file (use a macro in it instead)"
        ) from exc
    except jinja2.TemplateError as exc:  # UndefinedError, SecurityError, …
        raise UsageError(f"{_where(exc, name)}: template error: {exc}") from exc
    except RecursionError as exc:
        if not user:
            raise
        raise UsageError(
            f"{_where(exc, name)}: template error: it nests too deeply (a macro that "
            "calls itself, or a template that includes itself, without end?)"
        ) from exc
    except (ArithmeticError, LookupError, TypeError, ValueError, AssertionError) as exc:
        if not raised_in_template(exc, name) and not (user and raised_in_jinja_or_python(exc)):
            raise
        raise UsageError(f"{_where(exc, name)}: template error: {exc or type(exc).__name__}") from exc
    if output.endswith("\n") and not output.endswith("\n\n"):
        return output  # as it must end: no copy (a 10,000-case briefing is tens of MB)
    return output.rstrip("\n") + "\n"


def _where(exc: BaseException, name: str) -> str:
    """``NAME:LINE`` of the template's line an error was raised on, else ``NAME``."""
    from reformkit.render.briefing.sandbox import template_line

    line = template_line(exc, name)
    return name if line == "?" else f"{name}:{line}"


def markdown(briefing: Briefing, output: Output) -> str:
    """The registry's writer of ``report --to md``: ``render`` with the output's template."""
    return render(output.template, briefing, output.limits)
