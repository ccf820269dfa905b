"""Where each case of a document starts and ends, read from the document's own structure.

Tried in order, the first that finds cases wins:

1. a table of contents (``案例一：标题`` lines) followed by as many bodies, each opening with
   ``一、主要做法``: the k-th body is the k-th case, its title on its contents line;
2. case markers on a line of their own (``优化营商环境示范案例1``, ``案例三``), one or more: the
   title is the next line, a subtitle the line after it unless that names an agency;
3. bare case numbers 1, 2, 3 … on lines of their own: the title is the lines up to the first
   section heading (主要做法), joined;
4. a number and a title on one line (``3 离岛免税监管服务创新 “免保衔接”面向全国…``): the
   title, then the subtitle after a space;
5. numbered items (``1.``) under a section (``一、``), or lettered groups (``（一）``) where a
   section's list starts with one: each is a case, its title the item's first sentence.

Line numbers are 1-based; a case runs to the line before the next one starts (section
headings and blank lines between are left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reformkit.text.figures import chinese_number

CN = "一二三四五六七八九十"
_TOC = re.compile(rf"^\s*案例([{CN}]+|\d+)\s*[:：]\s*(\S.*?)\s*$")
_BODY = re.compile(r"^\s*一、\s*主要做法")
_MARKER = re.compile(rf"^\s*(?:[^\s\d{CN}]{{0,12}}案例)\s*([{CN}]+|\d+)\s*$")
_BARE = re.compile(r"^\s*(\d{1,2})\s*$")
_NUMBER_TITLE = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_SECTION = re.compile(rf"^\s*[{CN}]+、")
_ITEM = re.compile(r"^\s*(\d{1,2})[.．、]\s*(\S.*)$")
_GROUP = re.compile(rf"^\s*[(（]([{CN}]+)[)）]\s*(\S.*)$")
HEADINGS = ("主要做法", "实践效果", "主要做法", "取得成效", "亮点与成效", "亮点及成效", "数据", "下步工作重点")
#: Page furniture after a document's last case: editor credits, link warnings, image names.
_FURNITURE = re.compile(r"^\s*(?:分享编辑|分享編輯|您访问的链接|是否继续|image\.png|责任编辑)")
_AGENCY = re.compile(r"(?:局|委员会|委|厅|院|政府|办公室|中心|海关|法院|检察院|公司|集团|银行|管委会|部)$")


#: Private-use characters some documents print as bullets before a heading (seed 000: U+100CD2).
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


@dataclass
class Found:
    """One case found: its lines, title, subtitle and what was guessed."""

    number: int
    first: int
    last: int
    title: str
    subtitle: str = ""
    title_line: int | None = None
    head_end: int = 0  # the last line of the case's heading block (title, subtitle, agencies)
    agencies: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text) or 0


def is_heading(line: str) -> bool:
    return heading_word(line) in HEADINGS


def heading_word(line: str) -> str:
    """A line as a section heading would read (主要做法): simplified, no number or bullet."""
    from reformkit.text.fold import to_simplified

    return to_simplified(re.sub(rf"^\s*(?:[{CN}]+、)?", "", _PRIVATE.sub("", line)).strip().rstrip("：:"))


def section_before(lines: list[str], first: int) -> str:
    """The section heading (二、下步工作重点) the case starting at line ``first`` sits under, or ""."""
    for number in range(first - 1, 0, -1):
        if _SECTION.match(lines[number - 1]):
            return lines[number - 1].strip()
    return ""


def find_cases(lines: list[str]) -> list[Found]:
    for finder in (_contents, _markers, _bare_numbers, _numbered_titles, _numbered_items):
        found = finder(lines)
        if found:
            return found
    return []


def _ends(lines: list[str], starts: list[int]) -> list[int]:
    ends = []
    for index, start in enumerate(starts):
        last = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        if index + 1 == len(starts):
            for number in range(start, last + 1):
                if _FURNITURE.match(lines[number - 1]):
                    last = number - 1
                    break
        while last > start and _between_cases(lines[last - 1]):
            last -= 1
        ends.append(last)
    return ends


def _between_cases(line: str) -> bool:
    """A line that closes a case rather than belonging to it: blank, a section heading, a
    case marker or a bare case number."""
    return not line.strip() or bool(_SECTION.match(line) or _MARKER.match(line) or _BARE.match(line))


def _next_text(lines: list[str], after: int) -> int | None:
    """The 1-based number of the next non-blank line after line ``after``."""
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return None


def _contents(lines: list[str]) -> list[Found]:
    toc = [(n, m) for n, line in enumerate(lines, 1) if (m := _TOC.match(line))]
    bodies = [n for n, line in enumerate(lines, 1) if _BODY.match(line)]
    if len(toc) < 2 or len(bodies) != len(toc) or bodies[0] < toc[-1][0]:
        return []
    ends = _ends(lines, bodies)
    return [
        Found(_number(m.group(1)), body, end, m.group(2), title_line=n, head_end=body - 1)
        for (n, m), body, end in zip(toc, bodies, ends, strict=True)
    ]


def _markers(lines: list[str]) -> list[Found]:
    marks = [(n, m) for n, line in enumerate(lines, 1) if (m := _MARKER.match(line))]
    if not marks:  # one marker is enough: a document may hold a single case (示范案例1)
        return []
    found = []
    starts = []
    for n, m in marks:
        title_at = _next_text(lines, n)
        if title_at is None:
            continue
        # a title and its subtitle on one line, apart by a wide space (示范案例8)
        title, *rest = re.split(r"[\xa0\u3000]\s*|\s{2,}", lines[title_at - 1].strip(), maxsplit=1)
        case = Found(_number(m.group(1)), title_at, 0, title.strip(), "".join(rest).strip(), head_end=title_at)
        at = _next_text(lines, title_at)
        while at is not None and not is_heading(lines[at - 1]) and not _SECTION.match(lines[at - 1]):
            text = lines[at - 1].strip()
            if _AGENCY.search(text) and len(text) <= 30 and "“" not in text:
                case.agencies.append(text)
            elif not case.subtitle and not case.agencies:
                case.subtitle = text
            else:
                break
            case.head_end = at
            at = _next_text(lines, at)
        found.append(case)
        starts.append(title_at)
    for case, end in zip(found, _ends(lines, starts), strict=True):
        case.last = end
    return found


def _bare_numbers(lines: list[str]) -> list[Found]:
    marks = [(n, int(m.group(1))) for n, line in enumerate(lines, 1) if (m := _BARE.match(line))]
    run = [(n, k) for n, k in marks]
    expected, chosen = 1, []
    for n, k in run:
        if k == expected:
            chosen.append((n, k))
            expected += 1
    if len(chosen) < 2:
        return []
    found: list[Found] = []
    starts: list[int] = []
    for n, k in chosen:
        title_at = _next_text(lines, n)
        if title_at is None:
            continue
        parts: list[str] = []
        head_end = title_at
        at: int | None = title_at
        while at is not None and not is_heading(lines[at - 1]) and len(parts) < 6:
            parts.append(lines[at - 1].strip())
            head_end = at
            at = _next_text(lines, at)
        # an infographic stacks a title's words on lines; three or more after the first read as
        # a list (一体经办、一网通办、全省通办), fewer as one phrase
        title = parts[0] + ("、".join(parts[1:]) if len(parts) > 3 else "".join(parts[1:]))
        case = Found(k, title_at, 0, title, head_end=head_end)
        if len(parts) > 1:
            case.guessed.append(f"title joined from {len(parts)} stacked lines ({title_at}-{head_end}); check the joins")
        found.append(case)
        starts.append(title_at)
    for case, end in zip(found, _ends(lines, starts), strict=True):
        case.last = end
    return found


def _numbered_titles(lines: list[str]) -> list[Found]:
    marks = [(n, m) for n, line in enumerate(lines, 1) if (m := _NUMBER_TITLE.match(line)) and not _ITEM.match(line)]
    marks = [(n, m) for n, m in marks if len(m.group(2)) >= 6]
    ascending = all(int(b.group(1)) == int(a.group(1)) + 1 for (_, a), (_, b) in zip(marks, marks[1:], strict=False))
    if len(marks) < 2 or not ascending:
        return []
    found = []
    for (n, m), end in zip(marks, _ends(lines, [n for n, _ in marks]), strict=True):
        title, _, subtitle = m.group(2).strip().partition(" ")
        found.append(Found(int(m.group(1)), n, end, title.strip(), subtitle.strip(), head_end=n))
    return found


def _numbered_items(lines: list[str]) -> list[Found]:
    starts: list[tuple[int, int, str]] = []
    mode = ""
    for n, line in enumerate(lines, 1):
        if _SECTION.match(line) and not _GROUP.match(line):
            mode = ""
            continue
        group, item = _GROUP.match(line), _ITEM.match(line)
        if group and mode in ("", "group"):
            mode = "group"
            starts.append((n, len(starts) + 1, group.group(2)))
        elif item and mode in ("", "item"):
            mode = "item"
            starts.append((n, len(starts) + 1, item.group(2)))
    if len(starts) < 2:
        return []
    found = []
    for (n, k, text), end in zip(starts, _ends(lines, [n for n, _, _ in starts]), strict=True):
        title, stop, _ = text.partition("。")
        case = Found(k, n, end, title.strip(), head_end=n)
        if not stop:
            case.guessed.append(f"line {n}: the title is the whole item line (no 。 ends a first sentence)")
        found.append(case)
    return found
