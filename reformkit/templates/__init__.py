"""Built-in report templates (Jinja2 files)."""
