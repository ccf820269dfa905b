"""How a briefing is written: the built-in templates and where a template comes from, and
the format (``--to``, or the suffix of ``-o``) with the options that apply to it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reformkit.config import ReportSettings
from reformkit.errors import UsageError

BUILTIN_TEMPLATES = {
    "briefing": "Title, scope, contents, overview table, then every case in full.",
    "digest": "One paragraph and the key figure per case, grouped.",
    "table": "One overview table of the cases.",
}
#: Other suffixes of -o that pick a format when --to is not given (``.NAME`` picks NAME).
_SUFFIX_ALIASES = {".markdown": "md", ".htm": "html"}


def is_builtin(name_or_path: str) -> bool:
    return name_or_path in BUILTIN_TEMPLATES


def template_source(name_or_path: str, max_bytes: int = 1 << 20) -> tuple[str, str]:
    """(display name, text) of a built-in template name or a template file path (a regular
    file of at most ``max_bytes``, ``[report] template_max_bytes``)."""
    if name_or_path in BUILTIN_TEMPLATES:
        file_name = f"{name_or_path}.md.j2"
        text = resources.files("reformkit.templates").joinpath(file_name).read_text("utf-8")
        return file_name, text
    path = Path(name_or_path)
    if not os.path.lexists(path) or path.is_dir():
        known = ", ".join(BUILTIN_TEMPLATES)
        raise UsageError(f"--template {name_or_path!r} is neither a built-in template ({known}) nor a file")
    raw = read_limited(path, max_bytes, "--template", "template_max_bytes")
    try:
        return str(path), raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: cannot be read as a UTF-8 template ({exc})") from None


def read_limited(path: Path, max_bytes: int, option: str, key: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes`` (never blocks on a
    FIFO or reads a device); else a UsageError naming ``option`` and the ``[report]`` ``key``
    that sets the limit."""
    import stat

    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot be read ({exc.strerror})") from None
    with open(handle, "rb") as found:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{option} {path}: not a regular file (a FIFO, socket or device); give a file")
        too_large = (
            f"{option} {path}: over the limit of {max_bytes:,} bytes; give a smaller file or raise "
            f"[report] {key} in reformkit.toml"
        )
        if info.st_size > max_bytes:
            raise UsageError(too_large)
        try:
            raw = found.read(max_bytes + 1)
        except OSError as exc:
            raise UsageError(f"{option} {path}: cannot be read ({exc.strerror})") from None
    if len(raw) > max_bytes:
        raise UsageError(too_large)
    return raw


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
    limits: ReportSettings = field(default_factory=ReportSettings)  # a user's template, a reference


def choose_output(
    to: str | None,
    path: str | None,
    formats: list[str],
    *,
    template: str = "briefing",
    front_matter: bool = False,
    charts: bool = True,
    reference: str | None = None,
    limits: ReportSettings | None = None,
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
    return Output(form, template, charts, Path(reference) if reference else None, limits or ReportSettings())
