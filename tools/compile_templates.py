"""Write reformkit/templates/compiled/: each built-in report template as Jinja2 compiles it.

The renderer loads these modules instead of compiling a built-in template on every run, and
only while a module's recorded template text and Jinja2 version are the ones in use; a test
fails when one is out of date. Run this after editing a built-in template or changing the
report environment (render/report.py), or to follow a new Jinja2.

Usage: python tools/compile_templates.py
"""

from __future__ import annotations

from pathlib import Path

from reformkit.render.briefing.markdown import precompiled_source
from reformkit.report.output import BUILTIN_TEMPLATES, template_source

OUT = Path(__file__).resolve().parent.parent / "reformkit" / "templates" / "compiled"


def main() -> None:
    for stem in BUILTIN_TEMPLATES:
        name, text = template_source(stem)
        path = OUT / f"{stem}.py"
        path.write_text(precompiled_source(name, text), encoding="utf-8")
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)}")


if __name__ == "__main__":
    main()
