"""The built-in report templates as Jinja2 compiles them (tools/compile_templates.py)."""
