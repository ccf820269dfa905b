"""Write the hostile corpus: tests/hostile/cases/*.yaml and tests/hostile/configs/*.toml.

Each case file's first line says what it tries and what `validate` must report:
``# hostile: WHAT | expect: CODES`` (``expect: clean`` for valid files with hostile content).
Each config's first line says what it tries. Run from anywhere: python tests/hostile/make_corpus.py
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
CFG = HERE / "configs"
for p in list(OUT.glob("*")) + list(CFG.glob("*")):
    p.unlink()

BASE = """id: {id}
title: 标题
program: t
published: 2023-09-19
region: {{province: 海南省}}
tags: [政务服务]
practices: [{{title: 做法}}]
source: {{document: a.txt}}
"""


def base(stem, **replace):
    text = BASE.format(id=stem)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


files = {}


def add(stem, what, expect, body, encoding="utf-8", header=True):
    head = f"# hostile: {what} | expect: {expect}\n" if header else ""
    files[stem] = (head, body, encoding)


# --- YAML syntax, one per class of the YAML grammar's errors ---------------------------
syntax = {
    "syntax-unclosed-flow-seq": (
        "unclosed flow sequence",
        base("x").replace("tags: [政务服务]", "tags: [政务服务"),
    ),
    "syntax-unclosed-flow-map": (
        "unclosed flow mapping",
        base("x").replace("region: {province: 海南省}", "region: {province: 海南省"),
    ),
    "syntax-extra-bracket": (
        "a stray closing bracket",
        base("x").replace("tags: [政务服务]", "tags: [政务服务]]"),
    ),
    "syntax-unclosed-double-quote": (
        "unclosed double quote",
        base("x").replace("title: 标题", 'title: "标题'),
    ),
    "syntax-unclosed-single-quote": (
        "unclosed single quote",
        base("x").replace("title: 标题", "title: '标题"),
    ),
    "syntax-bad-escape": (
        "invalid escape in a double-quoted scalar",
        base("x").replace("title: 标题", 'title: "标\\q题"'),
    ),
    "syntax-mapping-in-plain": (
        "a second ': ' inside a plain value",
        base("x").replace("title: 标题", "title: 标题: 副标题"),
    ),
    "syntax-seq-after-key": (
        "a sequence on the same line as a key",
        base("x").replace("tags: [政务服务]", "tags: - 政务服务"),
    ),
    "syntax-bad-indent": (
        "a mapping value indented less than its siblings",
        "id: x\nregion:\n    province: 海南省\n  city: 海口市\n",
    ),
    "syntax-tab-indent": ("a tab used for indentation", "id: x\nregion:\n\tprovince: 海南省\n"),
    "syntax-missing-colon": ("a key without a colon between keys", "id: x\ntitle\nprogram: t\n"),
    "syntax-block-scalar-header": ("an invalid block scalar indicator", "id: x\nsummary: |x\n  text\n"),
    "syntax-block-scalar-indent": (
        "a block scalar line less indented than the first",
        "id: x\nsummary: |\n    first\n  second\nprogram: t\n",
    ),
    "syntax-directive-after-content": ("a %YAML directive after content", "id: x\n%YAML 1.2\n---\n"),
    "syntax-double-directive": ("the %YAML directive twice", "%YAML 1.1\n%YAML 1.1\n---\nid: x\n"),
    "syntax-content-after-end": ("content after the document end marker", base("x") + "...\ninvalid\n"),
    "syntax-reserved-indicator": (
        "a plain scalar starting with the reserved @",
        base("x").replace("title: 标题", "title: @标题"),
    ),
    "syntax-backtick-indicator": (
        "a plain scalar starting with the reserved backtick",
        base("x").replace("title: 标题", "title: `标题`"),
    ),
    "syntax-undefined-alias": (
        "an alias to an anchor that does not exist",
        base("x").replace("title: 标题", "title: *missing"),
    ),
    "syntax-flow-comma": (
        "a leading comma in a flow sequence",
        base("x").replace("tags: [政务服务]", "tags: [, 政务服务]"),
    ),
    "syntax-flow-map-missing-value": (
        "a flow mapping entry cut off by a closing bracket",
        base("x").replace("region: {province: 海南省}", "region: {province: 海南省, city: }}"),
    ),
    "syntax-complex-key-flow": ("a flow mapping used as a key", "id: x\n{a: 1}: b\n"),
    "syntax-question-key": ("an explicit '?' complex key", "id: x\n? [a, b]\n: c\n"),
    "syntax-doc-start-in-quote": (
        "a document marker inside a multi-line double quote",
        'id: x\ntitle: "a\n---\nb"\n',
    ),
    "syntax-anchor-on-nothing": (
        "an anchor with no node after it, then a key",
        "id: x\ntitle: &a\nprogram: t\n",
    ),
}
expect_for = {
    "syntax-undefined-alias": "RK009",
    "syntax-complex-key-flow": "RK001",
    "syntax-question-key": "RK001",
    "syntax-anchor-on-nothing": "RK009 RK101 RK102 RK201 RK210",
    "syntax-doc-start-in-quote": "RK001",
    "syntax-directive-after-content": "RK005",
}
for stem, (what, body) in syntax.items():
    add(stem, what, expect_for.get(stem, "RK001"), body)

# --- duplicate keys at every depth -------------------------------------------------------
add("dup-top", "a duplicate top-level key", "RK008", base("dup-top") + "title: 又一个\n")
add(
    "dup-region",
    "a duplicate key inside region",
    "RK008",
    base("dup-region").replace("region: {province: 海南省}", "region: {province: 海南省, province: 浙江省}"),
)
add(
    "dup-practice",
    "a duplicate key inside a practice",
    "RK008",
    base("dup-practice").replace(
        "practices: [{title: 做法}]", "practices:\n  - title: 做法\n    title: 另一做法"
    ),
)
add(
    "dup-metric",
    "a duplicate key inside a metric",
    "RK008",
    base("dup-metric")
    + "metrics:\n  - label: 件数\n    kind: volume\n    value: 3\n    value: 4\n    unit: 件\n",
)
add(
    "dup-approx",
    "a duplicate key three levels down (approx)",
    "RK008",
    base("dup-approx")
    + "metrics:\n  - {label: 时间, kind: time, after: 5, unit: 工作日, approx: {after: under, after: over}}\n",
)
add(
    "dup-source",
    "a duplicate key inside source",
    "RK008",
    base("dup-source").replace("source: {document: a.txt}", "source:\n  document: a.txt\n  document: b.txt"),
)

# --- anchors, aliases, merges -------------------------------------------------------------
laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)
add("alias-billion-laughs", "the billion laughs alias bomb", "RK009", laughs)
add("alias-cycle", "an alias that refers to its own anchor (a cycle)", "RK009", "id: x\ntitle: &a [*a]\n")
add(
    "alias-merge-key",
    "a merge key pulling in an anchored mapping",
    "RK009",
    "base: &b {province: 海南省}\nid: x\nregion:\n  <<: *b\n",
)
add(
    "anchor-only",
    "an anchor that is never used",
    "RK009",
    base("anchor-only").replace("title: 标题", "title: &t 标题"),
)

# --- tags -----------------------------------------------------------------------------------
add(
    "tag-python-apply",
    "!!python/object/apply running a command",
    "RK010 RK102",
    base("tag-python-apply").replace("title: 标题", 'title: !!python/object/apply:os.system ["echo pwned"]'),
)
add(
    "tag-python-name",
    "!!python/name importing a function",
    "RK010 RK106",
    base("tag-python-name").replace("title: 标题", "title: !!python/name:os.system ''"),
)
add(
    "tag-custom",
    "an application tag",
    "RK010",
    base("tag-custom").replace("title: 标题", "title: !secret 标题"),
)
add(
    "tag-binary",
    "!!binary data",
    "RK010",
    base("tag-binary").replace("title: 标题", "title: !!binary aGVsbG8="),
)
add(
    "tag-set",
    "!!set collection",
    "RK010 RK102",
    base("tag-set").replace("tags: [政务服务]", "tags: !!set {政务服务: null}"),
)
add(
    "tag-omap",
    "!!omap collection",
    "RK010 RK102",
    base("tag-omap").replace("tags: [政务服务]", "tags: !!omap [政务服务: 1]"),
)
add(
    "tag-verbatim",
    "a verbatim tag",
    "RK010",
    base("tag-verbatim").replace("title: 标题", "title: !<tag:example.com,2000:x> 标题"),
)

# --- encodings ----------------------------------------------------------------------------
add("enc-gbk", "GBK-encoded Chinese", "RK002", base("enc-gbk"), encoding="gbk")
add("enc-utf16le", "UTF-16 LE with a byte-order mark", "RK002", base("enc-utf16le"), encoding="utf-16")
add(
    "enc-utf16be-nobom",
    "UTF-16 BE without a byte-order mark",
    "RK004",
    base("enc-utf16be-nobom"),
    encoding="utf-16-be",
)
add(
    "enc-latin1",
    "Latin-1 bytes",
    "RK002",
    base("enc-latin1")
    .replace("标题", "caf\u00e9")
    .replace("海南省", "Hainan")
    .replace("政务服务", "x")
    .replace("做法", "y"),
    encoding="latin-1",
)
files["enc-truncated"] = (
    "# hostile: a truncated UTF-8 sequence | expect: RK002\n",
    base("enc-truncated").encode().replace("标题".encode(), "标".encode() + b"\xe9\xa2"),
    None,
)
files["enc-surrogate"] = (
    "# hostile: an encoded lone surrogate | expect: RK002\n",
    base("enc-surrogate").encode().replace("标题".encode(), b"\xed\xa0\x80"),
    None,
)
files["enc-overlong"] = (
    "# hostile: an overlong UTF-8 encoding of '/' | expect: RK002\n",
    base("enc-overlong").encode().replace("标题".encode(), b"\xc0\xaf"),
    None,
)
files["enc-nul"] = (
    "# hostile: NUL bytes in the text | expect: RK004\n",
    base("enc-nul").encode().replace("标题".encode(), b"\x00\x00"),
    None,
)
files["enc-utf8-bom"] = (
    "\ufeff# hostile: a UTF-8 byte-order mark | expect: RK003\n",
    base("enc-utf8-bom"),
    "utf-8",
)

# --- line ends and white space ----------------------------------------------------------------
files["ws-cr-only"] = (
    "# hostile: old Mac CR-only line ends | expect: clean\r",
    base("ws-cr-only").replace("\n", "\r"),
    "utf-8",
)
files["ws-crlf"] = (
    "# hostile: Windows CRLF line ends | expect: RK020\r\n",
    base("ws-crlf").replace("\n", "\r\n"),
    "utf-8",
)
add(
    "ws-tab-after-key",
    "tabs in indentation of a nested mapping",
    "RK001",
    "id: x\nregion:\n \tprovince: 海南省\n",
)
add(
    "ws-fullwidth-indent",
    "full-width spaces (U+3000) as indentation",
    "RK102 RK103",
    base("ws-fullwidth-indent").replace(
        "region: {province: 海南省}", "region:\n\u3000\u3000province: 海南省"
    ),
)
add(
    "ws-nbsp-indent",
    "no-break spaces as indentation",
    "RK102 RK103",
    base("ws-nbsp-indent").replace("region: {province: 海南省}", "region:\n\u00a0\u00a0province: 海南省"),
)

# --- YAML 1.1 type traps ----------------------------------------------------------------------
add("trap-status-no", "status: no becomes a boolean", "RK105", base("trap-status-no") + "status: no\n")
add("trap-octal", "number: 012 is octal in YAML 1.1", "RK015 RK203", base("trap-octal") + "number: 012\n")
add(
    "trap-exponent",
    "value: 1e3 is text in YAML 1.1",
    "RK102",
    base("trap-exponent") + "metrics:\n  - {label: 件数, kind: volume, value: 1e3, unit: 件}\n",
)
add(
    "trap-impossible-date",
    "published: 2021-02-30",
    "RK207",
    base("trap-impossible-date").replace("2023-09-19", "2021-02-30"),
)
add(
    "trap-sexagesimal",
    "value: 1:20 is base 60 in YAML 1.1",
    "RK015",
    base("trap-sexagesimal") + "metrics:\n  - {label: 时间, kind: time, value: 1:20, unit: 分钟}\n",
)
add(
    "trap-title-yes",
    "title: yes becomes a boolean",
    "RK102",
    base("trap-title-yes").replace("title: 标题", "title: yes"),
)
add(
    "trap-title-null", "title: ~ is null", "RK102", base("trap-title-null").replace("title: 标题", "title: ~")
)
add("trap-hex", "batch: 0x10 is hexadecimal", "RK015", base("trap-hex") + "batch: 0x10\n")
add(
    "trap-year-int",
    "published: 2021 is a number",
    "RK102",
    base("trap-year-int").replace("2023-09-19", "2021"),
)
add(
    "trap-province-on",
    "province: ON becomes a boolean",
    "RK102",
    base("trap-province-on").replace("海南省", "ON"),
)
add(
    "trap-underscore",
    "number: 1_000 drops its underscore",
    "RK015 RK203",
    base("trap-underscore") + "number: 1_000\n",
)
add(
    "trap-datetime",
    "published with a time of day",
    "RK104",
    base("trap-datetime").replace("2023-09-19", "2023-09-19 10:00:00"),
)
add(
    "trap-inf",
    "value: .inf",
    "clean",
    base("trap-inf") + "metrics:\n  - {label: 件数, kind: volume, value: .inf, unit: 件}\n",
)
add(
    "trap-nan",
    "value: .nan",
    "clean",
    base("trap-nan") + "metrics:\n  - {label: 件数, kind: volume, value: .nan, unit: 件}\n",
)

# --- every field with the wrong type -----------------------------------------------------------
wrong = {
    "type-id-list": ("id: [a, b]", "id: type-id-list", "RK102"),
    "type-title-map": ("title: {a: b}", "title: 标题", "RK102"),
    "type-program-number": ("program: 7", "program: t", "RK102"),
    "type-batch-string": ("batch: '4'", None, "RK102"),
    "type-region-string": ("region: 海南省", "region: {province: 海南省}", "RK102"),
    "type-agencies-string": ("agencies: 海口市人民政府", None, "RK102"),
    "type-tags-map": ("tags: {政务服务: 1}", "tags: [政务服务]", "RK102"),
    "type-practices-string": ("practices: 做法", "practices: [{title: 做法}]", "RK102"),
    "type-outcomes-strings": ("outcomes: [效果]", None, "RK102"),
    "type-metrics-map": ("metrics: {label: x}", None, "RK102"),
    "type-metric-value-string": (
        "metrics: [{label: 件数, kind: volume, value: '20', unit: 件}]",
        None,
        "RK102",
    ),
    "type-approx-list": (
        "metrics: [{label: 件数, kind: volume, value: 20, unit: 件, approx: [value]}]",
        None,
        "RK102",
    ),
    "type-source-list": ("source: [a.txt]", "source: {document: a.txt}", "RK102"),
    "type-related-string": ("related: other", None, "RK102"),
    "type-recognition-number": ("recognition: 1", None, "RK102"),
    "type-summary-list": ("summary: [a, b]", None, "RK102"),
    "type-status-number": ("status: 1", None, "RK105"),
    "type-due-bool": ("due: true", None, "RK102"),
    "type-published-list": ("published: [2023]", "published: 2023-09-19", "RK102"),
}
for stem, (line, old, expect) in wrong.items():
    text = base(stem)
    text = text.replace(old, line) if old else text + line + "\n"
    add(stem, f"wrong type: {line}", expect, text)

# --- ids --------------------------------------------------------------------------------------
add(
    "id-path-separator",
    "an id with path separators",
    "RK104 RK201",
    base("x").replace("id: x", "id: ../../etc/passwd"),
)
add("id-dotdot", "an id of '..'", "RK104 RK201", base("x").replace("id: x", "id: '..'"))
add(
    "id-zero-width",
    "an id with a zero-width space",
    "RK104 RK201",
    base("x").replace("id: x", 'id: "id\u200bzero"'),
)
add(
    "id-rtl",
    "an id with a right-to-left override",
    "RK104 RK201",
    base("x").replace("id: x", 'id: "id\u202erlt"'),
)
add("id-space", "an id with a space", "RK104 RK201", base("x").replace("id: x", "id: a b"))
add("id-dup-a", "two files with one id (1 of 2)", "RK202", base("id-dup-a"))
add("id-dup-b", "two files with one id (2 of 2)", "RK201 RK202", base("id-dup-a"))


# --- hostile content in valid files ---------------------------------------------------------
def content(stem, what, title=None, summary=None, extra=""):
    text = base(stem)
    if title is not None:
        text = text.replace("title: 标题", f"title: {title}")
    if summary is not None:
        text += f"summary: {summary}\n"
    add(stem, what, "clean", text + extra)


content(
    "content-rich-markup",
    "rich markup in the title",
    title="'[bold red]x[/bold red] [link=http://evil]y[/link]'",
)
content("content-ansi-clear", "an ANSI clear-screen sequence", summary='"\\e[2J\\e[H 清屏"')
content("content-osc-title", "an OSC sequence setting the window title", title='"\\e]0;pwned\\a 标题"')
content("content-osc-link", "an OSC 8 hyperlink", summary='"\\e]8;;http://evil\\e\\\\click\\e]8;;\\e\\\\"')
content("content-c1-csi", "an 8-bit C1 CSI (U+009B)", title='"\\x9b31m 红"')
content("content-bidi", "a right-to-left override in text", title='"标题\\u202e txt.exe"')
content(
    "content-html",
    "HTML and script in text",
    summary="'<script>alert(1)</script><img src=x onerror=alert(1)>'",
)
content(
    "content-md-links",
    "Markdown links, images and a javascript: URL",
    summary="'[点我](javascript:alert(1)) ![i](http://evil/x.png) <http://evil> www.evil.example a@evil.example'",
)
content(
    "content-csv-formula",
    "spreadsheet formulas",
    title='\'=HYPERLINK("http://evil","x")\'',
    summary="'+cmd|calc!A1'",
    extra="agencies: ['@SUM(1+1)', '-2+3']\n",
)
content(
    "content-jinja",
    "Jinja2 syntax in text",
    title="'{{ 7*7 }}'",
    summary="'{% for x in range(9) %}x{% endfor %} {# c #}'",
)
content("content-format-strings", "format strings", title="'{0} %s {title} %(x)s'")
content(
    "content-table-breakers",
    "pipes, newlines and backticks in table cells",
    title="'a | b'",
    extra='metrics:\n  - {label: "L|a\\nbel `x`", kind: volume, value: 1, unit: 件, note: "| --- |"}\n',
)
content("content-long-title", "a 10,000-character title", title="'" + "长" * 10000 + "'")
content("content-astral", "emoji and astral-plane characters", title="'改革🚀𠀀'")
content(
    "content-markdown-heading",
    "text that looks like Markdown block syntax",
    title="'# 不是标题'",
    summary="'- 不是列表\\n> 不是引用\\n1. 不是编号'",
)
content("content-control-newlines", "carriage returns and form feeds in text", summary='"a\\rb\\fc\\vd"')

for stem, (head, body, encoding) in files.items():
    path = OUT / f"{stem}.yaml"
    if encoding is None:
        path.write_bytes(head.encode() + body)
    elif encoding.startswith("utf-16"):
        path.write_bytes((head + body).encode(encoding))
    else:
        path.write_bytes((head + body).encode(encoding))

# --- configs --------------------------------------------------------------------------------------
configs = {
    "bad-toml": ("invalid TOML syntax", "[programs.t\nname = 'x'\n"),
    "duplicate-table": ("a table defined twice", "[rules]\nstrict = true\n[rules]\nstrict = false\n"),
    "tolerance-string": ("a string where a number belongs", "[rules]\ntolerance = 'one'\n"),
    "unknown-table": ("a table reformkit does not know", "[rulez]\nstrict = true\n"),
    "programs-array": ("programs as an array", "programs = ['t']\n"),
    "tags-not-list": ("tags as a string", "[vocab]\ntags = '政务服务'\n"),
    "unknown-rule-key": ("an unknown [rules] key", "[rules]\nstrictness = 1\n"),
    "select-unknown-code": ("an unknown rule code", "[rules]\nselect = ['RK999']\n"),
    "max-bytes-negative": ("a negative size limit", "[rules]\nmax_file_bytes = -1\n"),
    "program-bad-key": ("a program key with a path in it", "[programs.'../x']\nname = 'x'\n"),
    "program-no-name": ("a program without a name", "[programs.t]\nregion = '海南省'\n"),
}
for stem, (what, body) in configs.items():
    (CFG / f"{stem}.toml").write_text(f"# hostile: {what}\n{body}", encoding="utf-8")
(CFG / "not-utf8.toml").write_bytes(
    b"# hostile: a config that is not UTF-8\n[programs.t]\nname = '\xb2\xe2'\n"
)
print(len(files), "case files,", len(configs) + 1, "configs")
