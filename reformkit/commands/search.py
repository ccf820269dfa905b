"""reformkit search (alias: list): find cases with the query language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reformkit.options import Settings, format_option, lang_option, query_command, sort_option
from reformkit.render import format_names
from reformkit.search.snippets import COLUMN_UNITS

if TYPE_CHECKING:
    from reformkit.case.model import Case, LoadedFile
    from reformkit.render.cases import CaseHit
    from reformkit.search.query import Query
    from reformkit.search.select import Selection

#: ``--lines``: how many display columns of a long line are kept around its first hit.
LINE_WIDTH = 100


@query_command("search")
@format_option(format_names("search"), "table")
@sort_option("Order of results (ties: newest, then id).")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show at most N cases.")
@click.option(
    "--lines",
    is_flag=True,
    help="Each line of a case file a term hits, once, in ripgrep's vimgrep form: path:line:column:text "
    "(the same as --format lines).",
)
@click.option(
    "--column-unit",
    type=click.Choice(COLUMN_UNITS),
    default="byte",
    show_default=True,
    help="With --lines: count columns in UTF-8 bytes (vim -q, ripgrep, quickfix) or in characters.",
)
@click.option(
    "--line-width",
    type=click.IntRange(min=0),
    default=LINE_WIDTH,
    show_default=True,
    metavar="N",
    help="With --lines: cut a longer line to N display columns around its first hit, a third "
    "before it, … marking each cut (the column stays the file's); 0 keeps whole lines.",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Match the text as typed only: no pinyin, initials, homophone, word or thesaurus matches "
    "(e.g. reformkit search 注销时间 --exact).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of the table, one line a hit: id, how it matched (exact, pinyin, sounds like, "
    "words, related), score, the thesaurus expansions it matched and the words a term was matched "
    "without (no case holds them all). Example: reformkit search 办执照 --explain",
)
@click.option(
    "--like",
    metavar="ID",
    help="Rank by likeness to this case (shared rare words, tags, agencies, metric kinds), the case "
    "itself left out; the 10 most alike unless --limit. Example: reformkit search --like hnbiz-4-03",
)
@lang_option
def command(
    settings: Settings,
    query: tuple[str, ...],
    output_format: str,
    sort: str,
    limit: int | None,
    lines: bool,
    column_unit: str,
    line_width: int,
    exact: bool,
    explain: bool,
    like: str | None,
    lang: str,
    **flags: object,
) -> None:
    """Find cases (alias: list): free text, "phrases", -exclusions and qualifiers.

    Terms are ANDed and ranked by BM25: a rarer term, more often, in a shorter field counts
    more, and title > summary, tags > practices/outcomes > other fields. A term in pinyin
    (yiwangtongban, yi wang tong ban, ywtb) finds the Chinese; a Chinese term of three or more
    characters also finds text that sounds the same (an IME homophone), listed after exact
    hits and marked. A Chinese term found as typed in fewer than 3 cases also finds its words
    near each other, with the synonyms of [search.synonyms] (注销时间 finds 注销……时间), and is
    matched through the library's thesaurus (办执照 finds 营业执照, 企业开办), each listed after
    those before and marked (分词/words, 近义/related); tag: takes a tag's aliases too
    (tag:医保). --exact turns pinyin, homophones, words and the thesaurus off. OR, NOT and
    (parentheses) combine terms; open ranges are written 2022.. or
    ..2023-06. Qualifiers
    id: program: batch: region: tag: agency: status: kind: year: published: has: in: source:
    change: cut: approx: computed: filter; a,b means either, a repeated qualifier means both.
    change:KIND:RANGE is a metric's relative change in percent (stated, else computed),
    cut:KIND:RANGE the same reduced (cut:time:50.. = time at least halved); approx:KIND:yes a
    metric with an approximate figure (no, or the hedge: about, over, under), computed:KIND:yes
    one whose change is computed from before/after (no: stated); KIND may be left out. --sort
    change puts the largest change first. --like ID ranks the matches by likeness to that case
    instead. No query lists every case. The
    count goes to stderr. Exit 0 with matches, 1 with none, 2 on a bad query.

    \b
    Examples:
      reformkit search 一网通办
      reformkit search ywtb                  # pinyin initials; yiwangtongban too
      reformkit search 制度創新 year:2021    # traditional finds simplified
      reformkit search 注销时间              # also as its words: 注销……时间
      reformkit search 审批 -海口 kind:time -tag:司法服务
      reformkit search tag:通关便利,跨境电商 --format ids
      reformkit search cut:time:80.. --sort change   # time cut by 80% or more
      reformkit search --like hnbiz-4-03     # the cases most like hnbiz-4-03
      reformkit search --like hnbiz-4-03 program:hnbiz -f ids
      reformkit search approx:time:under -f ids      # a time stated as 以内/不到
      reformkit search tag:企业开办 OR tag:企业注销 year:2022..
      reformkit search id:hnbiz-4-* -f tsv | fzf
      reformkit search --region 嘉兴 --year 2021 --limit 5
      reformkit search 办执照                # thesaurus: 营业执照, 企业开办
      reformkit search 办执照 --explain      # which expansion each hit matched
      reformkit search 证照分离 --lines      # path:line:column:text hits
      vim -q <(reformkit search 证照分离 --lines)    # jump through them in vim
    """
    from reformkit.read_commands import select_cases

    output_format = _lines_format(output_format, lines, explain)
    needs_text = (
        "--lines needs free-text terms to locate; add a word to the query"
        if output_format == "lines"
        else None
    )
    if like is not None and limit is None:
        from reformkit.search.likeness import DEFAULT_LIMIT

        limit = DEFAULT_LIMIT
    selection, parsed = select_cases(
        settings,
        query,
        flags,
        sort=sort,
        limit=limit,
        needs_text=needs_text,
        sounds_like=True,
        thesaurus=True,
        word_matches=True,
        exact=exact,
        lang=lang,
        like=like,
        records=explain or output_format not in ("ids", "paths"),
    )
    _write(
        settings,
        selection,
        parsed,
        output_format,
        explain=explain,
        lang=lang,
        unit=column_unit,
        width=line_width,
    )


def _lines_format(output_format: str, lines: bool, explain: bool) -> str:
    """The format asked for: ``--lines`` is ``--format lines``; ``--column-unit`` and
    ``--line-width`` apply to it alone, and ``--explain`` to the table alone."""
    from click.core import ParameterSource

    ctx = click.get_current_context()
    if lines:
        if (
            ctx.get_parameter_source("output_format") is ParameterSource.COMMANDLINE
            and output_format != "lines"
        ):
            raise click.UsageError("--lines is --format lines; give one of them", ctx)
        output_format = "lines"
    if explain and output_format != "table":
        raise click.UsageError("--explain writes its own lines; drop --lines and --format", ctx)
    for name in ("column_unit", "line_width"):
        if output_format != "lines" and ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            option = "--" + name.replace("_", "-")
            raise click.UsageError(f"{option} only applies with --lines", ctx)
    return output_format


def _write(
    settings: Settings,
    selection: Selection,
    query: Query,
    output_format: str,
    *,
    explain: bool,
    lang: str,
    unit: str,
    width: int,
) -> None:
    """The hits in the format asked for on stdout; for people (the table), the count on stderr."""
    from reformkit.read_commands import count_note, terminal_width
    from reformkit.render import writer

    color = settings.use_color()
    if explain:
        from reformkit.render.cases import explain as explained

        click.echo(explained(selection.hits, query, lang=lang), nl=False)
    else:
        config = settings.config()

        def read(hit: CaseHit) -> Case:
            return selection.scan.case(hit.source)

        def load(hit: CaseHit) -> LoadedFile:
            from reformkit.library.documents import load_case

            return load_case(hit.source.entry, config)[1]

        extra = {"load": load, "unit": unit, "line_width": width} if output_format == "lines" else {}
        text = writer("search", output_format)(
            selection.hits, read, query, color=color, width=terminal_width(), lang=lang, **extra
        )
        click.echo(text, nl=False, color=color)
    if output_format == "table":  # for people; formats for programs keep stderr quiet
        click.echo(count_note(len(selection.hits), selection.total, lang=lang), err=True)
