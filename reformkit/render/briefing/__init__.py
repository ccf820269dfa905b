"""The briefing writers: Markdown (Jinja2), HTML, Word, and their SVG charts."""
