"""Chinese punctuation widths (GB/T 15834, GB/T 15835): find the wrong ones and fix them.

autocorrect-py 2.14 was evaluated on the library first and not used: by default it puts spaces
between Chinese and digits/Latin (government documents use none), and with its spacing rules
off it still leaves ``(区)``, ``76%,企业``, ``时限:2020年`` and ``1，5`` unfixed.

Pure functions over one string; offsets are code points. Nothing here prints or raises.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Reason = Literal["chinese-context", "chinese-parentheses", "between-latin", "fullwidth-alnum", "double-hyphen"]
"""Why a character is replaced:

- ``chinese-context``: a half-width ``, ; : ? !`` that belongs to Chinese text;
- ``chinese-parentheses``: half-width parentheses whose content or neighbour is Chinese;
- ``between-latin``: a full-width ``，：。`` between two ASCII letters or digits (``1。5``);
- ``fullwidth-alnum``: a full-width Latin letter or digit (``９６１０``);
- ``double-hyphen``: ``--`` typed for the dash (破折号) beside Chinese text
  (``创新案例--嘉兴``): each hyphen becomes ``—``, so the pair is ``——``.
"""


class PunctuationFix(NamedTuple):
    offset: int
    found: str
    replacement: str
    reason: Reason


TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
TO_HALF = {"，": ",", "：": ":", "。": "."}
FOLD = {full: half for half, full in TO_FULL.items()}
"""Full-width punctuation back to half-width (for comparing text whose widths were restored)."""
_FOLD_TABLE = str.maketrans("".join(FOLD), "".join(FOLD.values()))

# Punctuation that belongs to Chinese typesetting: its neighbour is Chinese text.
_CJK_PUNCT = frozenset("，。、；：？！“”‘’《》〈〉「」『』（）【】〔〕…—～·")
_OPENING = frozenset("“‘《〈「『（【〔")
_SENTENCE = frozenset(",;:?!")
_PROTECTED = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"“”‘’\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


def is_han(char: str) -> bool:
    """A CJK ideograph (unified, extension A-F, compatibility) or 〇."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char == "〇"
    )


def _chinese(char: str) -> bool:
    return bool(char) and (is_han(char) or char in _CJK_PUNCT)


def _ascii_alnum(char: str) -> bool:
    return bool(char) and char.isascii() and char.isalnum()


def _protected(text: str) -> list[bool]:
    """Which code points lie inside a URL, an e-mail address or inline code."""
    mask = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        if not match.group().startswith("`"):
            # Trailing sentence punctuation ends the sentence, not the address.
            while end > start and text[end - 1] in ".,;:?!)":
                if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
                    break
                end -= 1
        for index in range(start, end):
            mask[index] = True
    return mask


def _at(chars: list[str], index: int) -> str:
    return chars[index] if 0 <= index < len(chars) else ""


def _number_token_start(chars: list[str], index: int) -> int:
    """Start of the run of ASCII letters, digits, ``.`` and ``%`` that ends at ``index``."""
    while index > 0 and (_ascii_alnum(chars[index - 1]) or chars[index - 1] in ".%‰"):
        index -= 1
    return index


def _parentheses(chars: list[str], mask: list[bool]) -> list[tuple[int, Reason]]:
    """Half-width parentheses to widen: a pair whose content or a neighbour is Chinese."""
    found: list[tuple[int, Reason]] = []
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for index, char in enumerate(chars):
        if mask[index]:
            continue
        if char == "(":
            stack.append(index)
        elif char == ")":
            if stack:
                pairs.append((stack.pop(), index))
            else:
                lone.append(index)
    lone.extend(stack)
    for start, end in pairs:
        content = chars[start + 1 : end]
        if (
            any(is_han(char) for char in content)
            or _chinese(_at(chars, start - 1))
            or _chinese(_at(chars, end + 1))
        ):
            found += [(start, "chinese-parentheses"), (end, "chinese-parentheses")]
    for index in lone:
        if is_han(_at(chars, index - 1)) or is_han(_at(chars, index + 1)):
            found.append((index, "chinese-parentheses"))
    return found


def _sentence_mark_is_chinese(chars: list[str], index: int) -> bool:
    """Whether the half-width ``, ; : ? !`` at ``index`` belongs to Chinese text.

    The mark closes what precedes it, so a Chinese character before it decides, unless a
    space follows (a Latin-typeset list such as ``[甲, 乙]`` is not a clear case). With a
    letter, digit or ``%`` before it, a Chinese character after it decides; ``1,000``,
    ``2.06:1``, ``B2B,C2C`` and ``e.g.`` stay as they are.
    """
    left, right = _at(chars, index - 1), _at(chars, index + 1)
    if not left or left.isspace() or right.isspace():
        return False
    if _chinese(left):
        return True
    if is_han(right) or right in _OPENING:
        return True
    if left in "%‰" and _ascii_alnum(right) and chars[index] != ":":
        # 调撤率34.8%;2019年: the number is inside a Chinese sentence on both sides.
        before = _at(chars, _number_token_start(chars, index - 1) - 1)
        end = index + 1
        while end < len(chars) and (_ascii_alnum(chars[end]) or chars[end] in ".%‰"):
            end += 1
        return _chinese(before) and _chinese(_at(chars, end))
    return False


def _double_hyphens(text: str, mask: list[bool]) -> list[int]:
    """The offsets of each ``--`` (exactly two hyphens) with Chinese text on either side."""
    found: list[int] = []
    for match in _DOUBLE_HYPHEN.finditer(text):
        start, end = match.span()
        if not any(mask[start:end]) and (_chinese(text[start - 1 : start]) or _chinese(text[end : end + 1])):
            found += [start, start + 1]
    return found


_DOUBLE_HYPHEN = re.compile(r"(?<!-)--(?!-)")


def find_punctuation(text: str) -> list[PunctuationFix]:
    """Every character whose width is wrong for its context, in order of offset."""
    if text.isascii():
        return []  # nothing Chinese, nothing full-width
    chars = list(text)
    mask = _protected(text)
    fixes: dict[int, PunctuationFix] = {}

    def replace(index: int, replacement: str, reason: Reason) -> None:
        fixes[index] = PunctuationFix(index, text[index], replacement, reason)
        chars[index] = replacement

    # Each pass sees the previous passes' results, so 所(区),后 widens both marks.
    for index, char in enumerate(text):
        code = ord(char)
        if not mask[index] and (
            0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A
        ):
            replace(index, chr(code - 0xFEE0), "fullwidth-alnum")
    # Widening one mark can put another in Chinese context (“:() → “：（）): repeat until
    # stable; each round only widens, so this ends.
    while True:
        before = len(fixes)
        for index, reason in _parentheses(chars, mask):
            if index not in fixes:
                replace(index, TO_FULL[chars[index]], reason)
        for index, char in enumerate(text):
            if (
                char in _SENTENCE
                and index not in fixes
                and not mask[index]
                and _sentence_mark_is_chinese(chars, index)
            ):
                replace(index, TO_FULL[char], "chinese-context")
        if len(fixes) == before:
            break
    for index in _double_hyphens(text, mask):
        replace(index, "—", "double-hyphen")
    for index, char in enumerate(text):
        if (
            char in TO_HALF
            and not mask[index]
            and _ascii_alnum(_at(chars, index - 1))
            and _ascii_alnum(_at(chars, index + 1))
        ):
            replace(index, TO_HALF[char], "between-latin")
    return sorted(fixes.values())


def apply_fixes(text: str, fixes: list[PunctuationFix]) -> str:
    """``text`` with each fix's character replaced (fixes as find_punctuation returns them)."""
    if not fixes:
        return text
    chars = list(text)
    for fix in fixes:
        chars[fix.offset] = fix.replacement
    return "".join(chars)


def fix_punctuation(text: str) -> str:
    """``text`` with full-width punctuation in Chinese context and half-width between Latin."""
    return apply_fixes(text, find_punctuation(text))


def fold_punctuation(text: str) -> str:
    """Full-width ``，；：（）？！`` back to half-width: compares text across a width fix."""
    return text.translate(_FOLD_TABLE)
