"""A user's report template, and a reference document, in a box: every bomb ends in an exit-2
message naming the template and line, never a traceback, a hang or the machine's memory."""

from __future__ import annotations

import os

import pytest

from .conftest import minimal_case

BOMBS = [
    ("{{ range(10**9)|list }}", "template error: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)."),
    (
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}",
        "template error: it nests too deeply (a macro that calls itself, or a template that includes itself, without end?)",
    ),
    (
        '{% include "t.j2" %}',
        "template error: it nests too deeply (a macro that calls itself, or a template that includes itself, "
        "without end?)",
    ),
    (
        '{% include "other.j2" %}',
        "template error: cannot include or import 'other.j2'; a template is one file (use a macro in it instead)",
    ),
    ('{{ "abc def"|wordwrap(0) }}', "template error: invalid width 0 (must be > 0)"),
    ('{{ "abcdef"|truncate(-5) }}', "template error: expected length >= 3, got -5"),
    ("{{ cases|slice(0)|list }}", "template error: integer division or modulo by zero"),
    ("{{ 10**5000 }}", "template stopped: 10 ** 5000 makes a number over 10,000 bits"),
    ("{{ 10**(10**9) }}", "template stopped: 10 ** 1000000000 makes a number over 10,000 bits"),
    ("{{ (2**9000) * (2**9000) }}", "template stopped: a product makes a number over 10,000 bits"),
    (
        "{{ 'a'*10**10 }}",
        "template stopped: 'a' * 10,000,000,000 makes more than the output limit of 268,435,456 characters "
        "([report] template_max_output)",
    ),
    ("{{ lipsum(n=10**7) }}", "template stopped: lipsum takes n from 0 to 100 and min and max from 0 to 1,000"),
    ("{{ 'x'|center(10**9) }}", "template stopped: |center takes a width up to 10,000, not 1,000,000,000"),
]


@pytest.fixture
def one(library):
    library.write("a.yaml", minimal_case("a"))
    return library


@pytest.mark.parametrize(("template", "message"), BOMBS)
def test_a_template_bomb_is_a_message_with_its_line(one, invoke, isolated, template, message):
    (isolated / "t.j2").write_text("第一行\n" + template + "\n", "utf-8")
    result = invoke("report", "--template", "t.j2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: t.j2:2: {message}\n"


def _limits(library, **values: object) -> None:
    text = (library.root / "reformkit.toml").read_text("utf-8")
    lines = "".join(f"{key} = {value}\n" for key, value in values.items())
    (library.root / "reformkit.toml").write_text(text + "\n[report]\n" + lines, "utf-8")


def test_a_template_that_runs_too_long_is_stopped_at_its_time_limit(one, invoke, isolated):
    _limits(one, template_seconds=0.3)
    (isolated / "t.j2").write_text(
        "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}\n", "utf-8"
    )
    result = invoke("report", "--template", "t.j2")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: t.j2:2: template stopped: it ran for more than 0.3 s; raise ")


def test_a_template_whose_output_is_too_long_is_stopped(one, invoke, isolated):
    _limits(one, template_max_output=1000)
    (isolated / "t.j2").write_text("{% for i in range(100000) %}{{ i }}\n{% endfor %}", "utf-8")
    result = invoke("report", "--template", "t.j2")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: t.j2: template stopped: the output is over 1,000 characters; raise [report] "
        "template_max_output in reformkit.toml if it should be this long\n"
    )


def test_the_limits_of_a_template_leave_the_process_as_it_was(one, invoke, isolated):
    import signal

    before = signal.getsignal(signal.SIGALRM)
    (isolated / "t.j2").write_text("{{ title }}\n", "utf-8")
    result = invoke("report", "--template", "t.j2", "--title", "简报")
    assert (result.exit_code, result.stdout) == (0, "简报\n")
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_template_over_its_size_limit_or_not_a_file_is_refused(one, invoke, isolated):
    _limits(one, template_max_bytes=100)
    (isolated / "t.j2").write_text("x" * 101, "utf-8")
    result = invoke("report", "--template", "t.j2")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --template t.j2: over the limit of 100 bytes; give a smaller file or raise [report] "
        "template_max_bytes in reformkit.toml\n",
    )
    os.mkfifo(isolated / "fifo.j2")
    result = invoke("report", "--template", "fifo.j2")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --template fifo.j2: not a regular file (a FIFO, socket or device); give a file\n",
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("template_seconds = nan", "[report].template_seconds must be a number of seconds from 0.1 to 3600"),
        ("template_max_bytes = 0", "[report].template_max_bytes must be a whole number from 1 to 67,108,864"),
        ("template_secs = 5", "[report].template_secs is not a known report setting (did you mean 'template_seconds'?)"),
    ],
)
def test_a_report_limit_out_of_range_is_a_config_error(one, invoke, setting, message):
    text = (one.root / "reformkit.toml").read_text("utf-8")
    (one.root / "reformkit.toml").write_text(text + "\n[report]\n" + setting + "\n", "utf-8")
    result = invoke("report")
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr


# --- the reference document and the title, in Word ---------------------------------------------


def test_a_reference_document_that_is_not_a_regular_docx_is_a_message(one, invoke, isolated):
    import zipfile

    os.mkfifo(isolated / "fifo.docx")
    for path in ("fifo.docx", "/dev/zero"):
        result = invoke("report", "--to", "docx", "-o", "out.docx", "--reference-doc", path)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error: --reference-doc {path}: not a regular file (a FIFO, socket or device); give a file\n",
        )
    assert invoke("report", "--to", "docx", "-o", "good.docx").exit_code == 0
    with zipfile.ZipFile(isolated / "good.docx") as good, zipfile.ZipFile(isolated / "bad.docx", "w") as bad:
        for item in good.infolist():
            data = b"<w:document" if item.filename == "word/document.xml" else good.read(item)
            bad.writestr(item, data)
    result = invoke("report", "--to", "docx", "-o", "out.docx", "--reference-doc", "bad.docx")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --reference-doc bad.docx: not a Word document (.docx) (")
    assert not (isolated / "out.docx").exists()


@pytest.mark.parametrize("title", ["简报\x01一", "简报\ufffe一\uffff", "简报\n一", "简" * 300])
def test_a_title_word_cannot_hold_is_cleaned(one, invoke, isolated, title):
    import docx

    result = invoke("report", "--to", "docx", "-o", "out.docx", "--title", title)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(isolated / "out.docx"))
    shown = "简" * 300 if len(title) == 300 else "简报 一" if "\n" in title else "简报一"
    assert document.paragraphs[0].text == shown
    assert document.core_properties.title == (shown if len(shown) <= 255 else shown[:254] + "…")
    markdown = invoke("report", "--title", title).stdout
    assert markdown.splitlines()[0] == "# " + shown
