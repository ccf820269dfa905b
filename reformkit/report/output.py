"""How a briefing is written: the built-in templates and where a template comes from, and
the format (``--to``, or the suffix of ``-o``) with the options that apply to it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reformkit.errors import UsageError

BUILTIN_TEMPLATES = {
    "briefing": "Title, scope, contents, overview table, then every case in full.",
    "digest": "One paragraph and the key figure per case, grouped.",
    "table": "One overview table of the cases.",
}
#: Other suffixes of -o that pick a format when --to is not given (``.NAME`` picks NAME).
_SUFFIX_ALIASES = {".markdown": "md", ".htm": "html"}


def template_source(name_or_path: str) -> tuple[str, str]:
    """(display name, text) of a built-in template name or a template file path."""
    if name_or_path in BUILTIN_TEMPLATES:
        file_name = f"{name_or_path}.md.j2"
        text = resources.files("reformkit.templates").joinpath(file_name).read_text("utf-8")
        return file_name, text
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(BUILTIN_TEMPLATES)
        raise UsageError(f"--template {name_or_path!r} is neither a built-in template ({known}) nor a file")
    try:
        return str(path), path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read as a UTF-8 template ({exc})") from None


@dataclass(frozen=True)
class Output:
    """How a briefing is written: its format and the options that apply to it.

    Every writer of ``render.FORMATS["report"]`` is called as ``write(data, output)`` with
    ``data`` the ``report.briefing.Briefing``; it reads the options of its format and no others.
    """

    form: str = "md"
    template: str = "briefing"  # md
    charts: bool = True  # docx, html
    reference: Path | None = None  # docx


def choose_output(
    to: str | None,
    path: str | None,
    formats: list[str],
    *,
    template: str = "briefing",
    front_matter: bool = False,
    charts: bool = True,
    reference: str | None = None,
) -> Output:
    """The format to write (``to``, else the suffix of ``path`` if it names one of
    ``formats``, else md) with its options.

    docx is binary and needs a file; templates and front matter are Markdown's, and a
    reference document is Word's: a combination that cannot apply is a usage error.
    """
    suffix = Path(path).suffix.lower() if path else ""
    by_suffix = {f".{name}": name for name in formats} | _SUFFIX_ALIASES
    form = to or by_suffix.get(suffix, "md")
    if form == "docx" and not path:
        raise UsageError("--to docx writes a binary file: give it with -o FILE.docx")
    if form != "md" and template != "briefing":
        raise UsageError(f"--template applies to Markdown; --to {form} always follows the briefing")
    if form != "md" and front_matter:
        raise UsageError(f"--front-matter applies to Markdown, not to --to {form}")
    if reference and form != "docx":
        raise UsageError("--reference-doc applies to --to docx only")
    return Output(form, template, charts, Path(reference) if reference else None)
