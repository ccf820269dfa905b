"""The box a user's report template runs in (``report --template FILE``).

Jinja2's sandbox keeps a template from reaching anything but the briefing's facts; this module
keeps it from taking the machine: what one expression can make is bounded (a number's size
under ``**`` and ``*``, a string or list repeated by ``*``, ``lipsum``, the width of
``center`` and ``indent``; Jinja2 itself bounds ``range``), compiling and rendering run under
a time limit, and the output under a size limit (``[report]`` in reformkit.toml). Each limit
ends in ``TemplateLimit``, which the renderer turns into a message naming the template's line.
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import Any

#: The largest number an expression may make, in bits (about 3,000 decimal digits: a number
#: prints in full only up to Python's 4,300 digits).
MAX_NUMBER_BITS = 10_000
#: The widest ``center`` or ``indent`` a template may ask for, and the most ``lipsum`` paragraphs.
MAX_WIDTH = 10_000
MAX_LIPSUM = 100


class TemplateLimit(Exception):  # noqa: N818 (a limit reached, not a fault of reformkit)
    """A template reached one of its limits; the message says which, and how to lift it."""


def _int_bits(value: object) -> float | None:
    """A whole number's size in bits (bool counts as a number), or None for anything else."""
    if isinstance(value, int):
        return float(abs(value).bit_length())
    return None


def _power_bits(base: object, exponent: object) -> float:
    """About how many bits ``base ** exponent`` takes (0 when it is not a large whole number)."""
    bits = _int_bits(base)
    if bits is None or not isinstance(exponent, int) or exponent <= 0 or abs(base) <= 1:  # type: ignore[arg-type]
        return 0.0
    return exponent * math.log2(abs(base))  # type: ignore[arg-type]


def check_binop(operator: str, left: Any, right: Any, max_output: int) -> None:
    """Raise ``TemplateLimit`` when ``left operator right`` would make a number past
    ``MAX_NUMBER_BITS`` or a string or list past ``max_output`` items."""
    if operator == "**" and _power_bits(left, right) > MAX_NUMBER_BITS:
        raise TemplateLimit(f"{left!r:.20} ** {right!r:.20} makes a number over {MAX_NUMBER_BITS:,} bits")
    if operator != "*":
        return
    left_bits, right_bits = _int_bits(left), _int_bits(right)
    if left_bits is not None and right_bits is not None:
        if left_bits + right_bits > MAX_NUMBER_BITS:
            raise TemplateLimit(f"a product makes a number over {MAX_NUMBER_BITS:,} bits")
        return
    for items, times in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(items, str | list | tuple | bytes) and len(items) * times > max_output:
                raise TemplateLimit(
                    f"{items!r:.20} * {times:,} makes more than the output limit of "
                    f"{max_output:,} characters ([report] template_max_output)"
                )


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 (Jinja's names)
    from jinja2.utils import generate_lorem_ipsum

    if not all(isinstance(v, int) and 0 <= v <= limit for v, limit in ((n, MAX_LIPSUM), (min, 1000), (max, 1000))):
        raise TemplateLimit(f"lipsum takes n from 0 to {MAX_LIPSUM} and min and max from 0 to 1,000")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _bounded_width(name: str, filter_: Any) -> Any:
    """Filter ``name`` refusing a width past ``MAX_WIDTH`` (its second argument)."""

    def bounded(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and not isinstance(width, bool) and abs(width) > MAX_WIDTH:
            raise TemplateLimit(f"|{name} takes a width up to {MAX_WIDTH:,}, not {width:,}")
        return filter_(value, width, *args, **kwargs)

    return bounded


def box(env: Any, max_output: int) -> None:
    """Put the limits on ``env``, a sandboxed environment made for one user template."""
    env.max_output = max_output
    env.globals["lipsum"] = _lipsum
    for name in ("center", "indent"):
        env.filters[name] = _bounded_width(name, env.filters[name])


def bounded_output(chunks: Iterable[str], max_output: int) -> Iterator[str]:
    """The template's output, stopped with ``TemplateLimit`` past ``max_output`` characters."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_output:
            raise TemplateLimit(
                f"the output is over {max_output:,} characters; raise [report] template_max_output in "
                "reformkit.toml if it should be this long"
            )
        yield chunk


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``TemplateLimit`` in the code that runs when ``seconds`` have passed (a timer
    signal; in the main thread of a system that has one, else no limit). The previous handler
    and timer are put back."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit(
            f"it ran for more than {seconds:g} s; raise [report] template_seconds in reformkit.toml if it "
            "should take this long"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- where an error was raised ----------------------------------------------------------


def raised_in_jinja_or_python(exc: BaseException) -> bool:
    """Whether the innermost frame of ``exc`` is Jinja2's or Python's standard library (a
    filter or function the template called with values it cannot take: the template's
    mistake); anywhere else (reformkit's own filters) it is a bug."""
    import os
    import sysconfig

    import jinja2

    traceback = exc.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    where = os.path.abspath(traceback.tb_frame.f_code.co_filename)
    if where.startswith(os.path.dirname(os.path.abspath(jinja2.__file__)) + os.sep):
        return True
    stdlib = os.path.abspath(sysconfig.get_paths()["stdlib"]) + os.sep
    return where.startswith(stdlib) and not where[len(stdlib) :].startswith(("site-packages", "dist-packages"))


def raised_in_template(exc: BaseException, name: str) -> bool:
    """Whether the innermost frame of ``exc`` is the template's own code."""
    traceback = exc.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback.tb_frame.f_code.co_filename == name


def template_line(exc: BaseException, name: str) -> int | str:
    traceback = exc.__traceback__
    line: int | str = "?"
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == name:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
