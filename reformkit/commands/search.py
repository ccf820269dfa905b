"""reformkit search (alias: list): find cases with the query language."""

from __future__ import annotations

import click

from reformkit.cli import Settings
from reformkit.options import format_option, query_command, sort_option
from reformkit.render import format_names


@query_command("search")
@format_option(format_names("search"), "table")
@sort_option("Order of results (ties: newest, then id).")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show at most N cases.")
@click.option("--lines", is_flag=True, help="grep-style hits: path:line:col: field: text.")
def command(
    settings: Settings,
    query: tuple[str, ...],
    output_format: str,
    sort: str,
    limit: int | None,
    lines: bool,
    **flags: object,
) -> None:
    """Find cases (alias: list): free text, "phrases", -exclusions and qualifiers.

    Terms are ANDed and ranked: title > summary, tags > practices/outcomes > other fields;
    OR, NOT and (parentheses) combine them; open ranges are written 2022.. or ..2023-06. Qualifiers
    id: program: batch: region: tag: agency: status: kind: year: published: has: in: source:
    filter; a,b means either, a repeated qualifier means both. No query lists every case. The
    count goes to stderr. Exit 0 with matches, 1 with none, 2 on a bad query.

    \b
    Examples:
      reformkit search 一网通办
      reformkit search 制度創新 year:2021          # traditional finds simplified
      reformkit search 审批 -海口 kind:time -tag:司法服务
      reformkit search tag:通关便利,跨境电商 --format ids
      reformkit search tag:企业开办 OR tag:企业注销 year:2022..
      reformkit search id:hnbiz-4-* -f tsv | fzf
      reformkit search --region 嘉兴 --year 2021 --limit 5
      reformkit search 证照分离 --lines           # path:line:col hits for your editor
    """
    from reformkit.commands.common import count_note, select_cases, terminal_width
    from reformkit.render import writer

    config = settings.config()
    needs_text = "--lines needs free-text terms to locate; add a word to the query" if lines else None
    selection, parsed = select_cases(settings, query, flags, sort=sort, limit=limit, needs_text=needs_text)
    if lines:
        _print_lines(selection, parsed, config)
        return

    def read(hit):  # type: ignore[no-untyped-def]
        return selection.scan.case(hit.source)

    color = settings.use_color()
    text = writer("search", output_format)(selection.hits, read, parsed, color=color, width=terminal_width())
    click.echo(text, nl=False, color=color)
    if output_format == "table":  # for people; formats for programs keep stderr quiet
        click.echo(count_note(len(selection.hits), selection.total), err=True)


def _print_lines(selection, query, config) -> None:  # type: ignore[no-untyped-def]
    from reformkit.library.documents import load_case
    from reformkit.snippets import line_hits
    from reformkit.textsafe import terminal

    for hit in selection.hits:
        _, loaded = load_case(hit.source.entry, config)
        try:
            with open(hit.source.entry.path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        for found in line_hits(loaded, text, query):
            click.echo(
                terminal(f"{hit.source.path}:{found.line}:{found.column}: {found.field}: {found.text}")
            )
