"""The notes read commands print on stderr, in the output's language: a case file left out
because it has errors, and ``--strict`` stopping for such files.

The problem's own message is validate's, in English as validate words it; the note around it
is the reader's language (``--lang``, Chinese by default).
"""

from __future__ import annotations

from reformkit.wording.labels import Lang

#: A file left out of a read command: where the first error is, its code and message.
SKIPPED: dict[str, str] = {
    "zh": "{location}: {code} {message}（此文件有错误，已跳过）",
    "en": "{location}: {code} {message} (skipped)",
}
#: ``--strict`` with files skipped: exit 1, nothing written.
STRICT: dict[str, str] = {
    "zh": "--strict：{count}个文件有错误被跳过，未写出任何内容",
    "en": "--strict: {count} skipped for errors; nothing written",
}


def skipped(location: str, code: str, message: str, lang: Lang = "zh") -> str:
    """``cases/a.yaml:3:7: RK205 …（此文件有错误，已跳过）`` / ``… (skipped)``."""
    return SKIPPED[lang].format(location=location, code=code, message=message)


def strict_stop(count: int, lang: Lang = "zh") -> str:
    """``--strict：2个文件有错误被跳过，未写出任何内容`` / ``--strict: 2 files skipped …``."""
    files = str(count) if lang == "zh" else f"{count} file{'s' if count != 1 else ''}"
    return STRICT[lang].format(count=files)
