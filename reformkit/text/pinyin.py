"""Pinyin for search: the forms the index stores, and how a query is read as pinyin.

Staff type Chinese through a pinyin IME, so a query may arrive as pinyin (``yiwangtongban``,
``yi wang tong ban``, ``yī wàng tōng bàn``, ``ywtb``) or as Chinese with a homophone typo
(``正照分离`` for 证照分离). The index keeps two ASCII forms of every text field:

- *syllables*: each Han character as its toneless syllable, a run of anything else as ``|``,
  every token between spaces (`` zheng zhao fen li | ``), so a syllable sequence is found with
  one ``bytes.find`` of `` zheng zhao ``;
- *initials*: each Han character as the first letter of its syllable, a run of anything else as
  ``|`` (``zzfl|``).

pypinyin is imported only to build those forms (index time); the index also keeps every
character's readings (``reading_table``) for homophone queries, so a search never imports it.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import NamedTuple

#: Every toneless syllable of Mandarin as pypinyin writes it (``lv`` for lü), without the
#: interjections (hm, hng, m, n, ng) that would make almost any letters a syllable sequence.
SYLLABLES = frozenset(
    ["a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi", "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao", "ce", "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi", "chong", "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci", "cong", "cou", "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de", "dei", "den", "deng", "di", "dia", "dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan", "dui", "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei", "fen", "feng", "fiao", "fo", "fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen", "geng", "gong", "gou", "gu", "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha", "hai", "han", "hang", "hao", "he", "hei", "hen", "heng", "hong", "hou", "hu", "hua", "huai", "huan", "huang", "hui", "hun", "huo", "ji", "jia", "jian", "jiang", "jiao", "jie", "jin", "jing", "jiong", "jiu", "ju", "juan", "jue", "jun", "ka", "kai", "kan", "kang", "kao", "ke", "kei", "ken", "keng", "kong", "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui", "kun", "kuo", "la", "lai", "lan", "lang", "lao", "le", "lei", "len", "leng", "li", "lia", "lian", "liang", "liao", "lie", "lin", "ling", "liu", "lo", "long", "lou", "lu", "luan", "lun", "luo", "lv", "lve", "ma", "mai", "man", "mang", "mao", "me", "mei", "men", "meng", "mi", "mian", "miao", "mie", "min", "ming", "miu", "mo", "mou", "mu", "na", "nai", "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nian", "niang", "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nun", "nuo", "nv", "nve", "o", "ou", "pa", "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie", "pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie", "qin", "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "ran", "rang", "rao", "re", "ren", "reng", "ri", "rong", "rou", "ru", "rua", "ruan", "rui", "run", "ruo", "sa", "sai", "san", "sang", "sao", "se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she", "shei", "shen", "sheng", "shi", "shou", "shu", "shua", "shuai", "shuan", "shuang", "shui", "shun", "shuo", "si", "song", "sou", "su", "suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang", "tao", "te", "tei", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu", "tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen", "weng", "wo", "wu", "xi", "xia", "xian", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun", "ya", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu", "yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei", "zen", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zhe", "zhei", "zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua", "zhuai", "zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu", "zuan", "zui", "zun", "zuo"]
)
_LONGEST = max(map(len, SYLLABLES))


def is_han(char: str) -> bool:
    """One of the CJK unified ideographs the forms spell out (the basic block and extension A)."""
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"


class _Patterns(NamedTuple):
    not_han: re.Pattern[str]  # a run of anything not Han
    in_context: re.Pattern[str]  # one of the characters read in context (``IN_CONTEXT``)
    token: re.Pattern[str]  # a Han character, or a run of anything else


@functools.cache
def _patterns() -> _Patterns:
    """Compiled on first use: the Han ranges take milliseconds to compile, which a search that
    needs none of them should not pay at start-up."""
    return _Patterns(
        re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]+"),
        re.compile(f"[{IN_CONTEXT}]"),
        re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\u3400-\u4dbf\u4e00-\u9fff]+"),
    )


#: Fewest letters an initials query must have: with three, an English word (txt, app) finds
#: cases by chance.
MIN_INITIALS = 4
#: Fewest characters a Chinese term needs before its homophones are searched too.
MIN_HOMOPHONE = 3
#: At most this many readings of one query (polyphonic characters multiply them).
MAX_READINGS = 16
#: A longer run of letters is not read as pinyin (a pasted text, not a query).
MAX_PINYIN_LETTERS = 120


#: Tone-marked letters → plain ones (ü → v, as pypinyin writes it), and tone numbers dropped.
_TONELESS = str.maketrans(
    {
        **{marked: plain for plain, row in (
            ("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"),
            ("v", "üǖǘǚǜ"), ("n", "ńňǹ"), ("m", "ḿ"),
        ) for marked in row},
        **dict.fromkeys("012345"),
    }
)


def toneless(syllable: str) -> str:
    """``zhèng`` → ``zheng``, ``lǜ`` → ``lv``, ``zheng4`` → ``zheng``."""
    text = syllable.lower().translate(_TONELESS)
    if text.isascii():
        return text
    # combining marks (a decomposed ``ü`` or tone mark typed separately)
    text = unicodedata.normalize("NFD", text).replace("u\u0308", "v")
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_TONELESS)


# -- index time ---------------------------------------------------------------------------


def _character_readings() -> Mapping[int, str]:
    """pypinyin's readings of each character: code point → tone-marked, comma-joined.

    A process that has not imported pypinyin reads them from the data file the package ships,
    without importing it: the package's ``__init__`` also loads its phrase dictionary and copies
    both, about 55 MB that a process building the reading table alone (the one that writes the
    search index) does not need. Read through the package's constants otherwise."""
    import sys

    if "pypinyin" not in sys.modules:
        import importlib.util
        import json
        import os

        spec = importlib.util.find_spec("pypinyin")
        for folder in (spec.submodule_search_locations or []) if spec is not None else []:
            try:
                with open(os.path.join(folder, "pinyin_dict.json"), encoding="utf-8") as handle:
                    stored = json.load(handle)
                found = {int(point): readings for point, readings in stored.items()}
            except (OSError, ValueError, AttributeError, TypeError):
                continue  # not there, or not the layout this reads: ask the package
            if all(isinstance(readings, str) for readings in found.values()):
                return found
    from pypinyin.constants import PINYIN_DICT

    return PINYIN_DICT


@functools.cache
def _table() -> dict[int, str]:
    """Code point → its readings, toneless, most common first, joined by ``/``."""
    table = {}
    for point, readings in _character_readings().items():
        if 0x3400 <= point <= 0x9FFF:
            table[point] = "/".join(dict.fromkeys(toneless(r) for r in readings.split(",")))
    return table


#: Characters whose reading often differs from the most common one in this kind of text
#: (银行, 协调, 成长, 重庆, 效率, 成都, 西藏…): read in context. Every other character takes its
#: most common reading; reading every polyphonic character in context (a third of all
#: characters) would cost about fifty times as much.
IN_CONTEXT = "行调长重率都藏还传降解参差乐曾单给朝属"


@functools.cache
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """``str.translate`` tables: code point → ``syllable `` and → its initial; NUL (a run of
    anything not Han) → ``| `` and ``|``."""
    syllables = {point: readings.split("/", 1)[0] + " " for point, readings in _table().items()}
    initials = {point: spelled[0] for point, spelled in syllables.items()}
    syllables[0] = "| "
    initials[0] = "|"
    return syllables, initials


#: Phrases of this kind of text that pypinyin's dictionary reads wrongly.
PHRASE_FIXES = {"长三角": [["cháng"], ["sān"], ["jiǎo"]]}


@functools.cache
def _pypinyin() -> Callable[..., list[str]]:
    from pypinyin import lazy_pinyin, load_phrases_dict

    load_phrases_dict(PHRASE_FIXES)
    return lazy_pinyin


@functools.cache
def _in_context(window: str, at: int) -> str:
    """The reading of ``window[at]``: pypinyin's phrase dictionary's reading in this window
    when it is one of the character's readings, else the character's most common one."""
    from pypinyin import Style

    spelled = _pypinyin()(window, style=Style.NORMAL, errors="ignore")
    found = toneless(spelled[at]) if len(spelled) == len(window) else ""
    options = _table().get(ord(window[at]), "").split("/")
    return found if found in options else options[0]


def _read_in_context(marked: str, at: int) -> str:
    """The syllable of ``marked[at]``, read with up to two Han characters either side (NUL
    stands for anything else)."""
    start = max(0, at - 2)
    start = max(start, marked.rfind("\x00", start, at) + 1)
    end = marked.find("\x00", at + 1, at + 3)
    end = min(len(marked), at + 3) if end < 0 else end
    return _in_context(marked[start:end], at - start)


def index_forms(folded: str) -> tuple[bytes, bytes]:
    """The syllables and initials forms of folded text (see the module docstring)."""
    if not folded:
        return b"", b""
    syllables, initials = _tables()
    marked = _patterns().not_han.sub("\x00", folded)
    try:
        return _forms(marked, syllables, initials)
    except UnicodeEncodeError:  # a Han character the table lacks (none in practice): a break
        marked = "".join(c if ord(c) in syllables else "\x00" for c in marked)
        return _forms(marked, syllables, initials)


def _forms(marked: str, syllables: dict[int, str], initials: dict[int, str]) -> tuple[bytes, bytes]:
    in_context = _patterns().in_context
    read = {m.start(): _read_in_context(marked, m.start()) for m in in_context.finditer(marked)}
    if read:
        spelled = in_context.sub(lambda m: read[m.start()] + " ", marked)
        first = in_context.sub(lambda m: read[m.start()][0], marked)
    else:
        spelled = first = marked
    return (" " + spelled.translate(syllables)).encode("ascii"), first.translate(initials).encode("ascii")


def syllables_of(text: str) -> list[str]:
    """The syllable of each character of ``text`` (``""`` where it is not Han)."""
    marked = _patterns().not_han.sub(lambda m: "\x00" * len(m.group()), text)
    table = _table()
    out = []
    for at, char in enumerate(marked):
        if char == "\x00" or ord(char) not in table:
            out.append("")
        elif char in IN_CONTEXT:
            out.append(_read_in_context(marked, at))
        else:
            out.append(table[ord(char)].split("/", 1)[0])
    return out


def reading_table() -> dict[str, str]:
    """Character → its readings (``/``-joined), for a query's homophones (stored in the index)."""
    return {chr(point): readings for point, readings in _table().items()}


# -- query time ---------------------------------------------------------------------------


_PINYIN_WORD = re.compile(r"^[a-z'üv\u0300-\u036f1-5āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+$")


def segmentations(letters: str) -> list[tuple[str, ...]]:
    """The ways to read ``letters`` (no spaces) as a sequence of syllables, fewest syllables
    first, at most MAX_READINGS of them; none for more than MAX_PINYIN_LETTERS letters."""
    if len(letters) > MAX_PINYIN_LETTERS:
        return []
    # ways[i]: readings of letters[i:], worked out from the end so that nothing recurses
    ways: list[list[tuple[str, ...]]] = [[] for _ in range(len(letters))] + [[()]]
    for start in range(len(letters) - 1, -1, -1):
        found = ways[start]
        for end in range(min(len(letters), start + _LONGEST), start, -1):
            head = letters[start:end]
            if head in SYLLABLES:
                found.extend((head, *rest) for rest in ways[end][: MAX_READINGS - len(found)])
                if len(found) >= MAX_READINGS:
                    break
    return sorted(ways[0], key=len)


def is_syllables(word: str) -> bool:
    """One word that spells one or more syllables (``yi``, ``tongban``, ``wàng``)."""
    if not word or not _PINYIN_WORD.match(word) or "'" in word:
        return False
    letters = toneless(word)  # a number (``1``, ``2024``) is tone marks alone: no syllable
    return bool(letters) and bool(segmentations(letters))


def query_syllables(term: str) -> list[tuple[str, ...]]:
    """The syllable sequences a pinyin term may spell (``yi wang tong ban``, ``xi'an``,
    ``yī wàng``), or [] when it is not pinyin or spells fewer than two syllables."""
    words = term.lower().split()
    if not words or not all(_PINYIN_WORD.match(word) for word in words):
        return []
    parts: list[list[tuple[str, ...]]] = []
    for word in words:
        for piece in toneless(word).replace("'", " ").split():
            piece = piece.replace("lue", "lve").replace("nue", "nve")
            ways = segmentations(piece)
            if not ways:
                return []
            parts.append(ways)
    combos = itertools.islice(itertools.product(*parts), MAX_READINGS)
    readings = [tuple(itertools.chain.from_iterable(combo)) for combo in combos]
    return [r for r in dict.fromkeys(readings) if len(r) >= 2]


def query_initials(term: str) -> str | None:
    """``ywtb`` → ``ywtb``: a term of ASCII letters read as initials, or None."""
    letters = term.lower()
    if len(letters) >= MIN_INITIALS and letters.isascii() and letters.isalpha():
        return letters
    return None


def homophone_syllables(term: str, table: Mapping[str, str]) -> list[tuple[str, ...]]:
    """The syllable sequences of a Chinese term of at least MIN_HOMOPHONE Han characters, one
    reading of each character at a time (the most common readings first). ``table`` holds
    every character pypinyin can read (``reading_table``): one it lacks has no homophones."""
    if len(term) < MIN_HOMOPHONE or not all(map(is_han, term)):
        return []
    choices = []
    for char in term:
        readings = table.get(char)
        if not readings:
            return []
        choices.append(readings.split("/")[:3])
    combos = itertools.islice(itertools.product(*choices), MAX_READINGS)
    return list(combos)


def fuzzy_forms(
    term: str, table: Callable[[], Mapping[str, str]], *, spelled: bool = True, sounds_like: bool = True
) -> list[tuple[str, list[bytes], bool]]:
    """What else a query term matches, as (form, needles, is a homophone): the syllables it
    spells and the initials it is (``spelled``), or, for Chinese, the syllables it sounds like
    (``sounds_like``). ``table`` gives the character → readings table, asked for only for a
    Chinese term."""
    forms = []
    readings = query_syllables(term) if spelled else []
    if readings:
        forms.append(("pinyin", [needle(s) for s in readings], False))
    letters = query_initials(term) if spelled else None
    if letters:
        forms.append(("initials", [letters.encode("ascii")], False))
    if sounds_like and len(term) >= MIN_HOMOPHONE and is_han(term[0]):  # ask for the table only then
        readings = homophone_syllables(term, table())
        if readings:
            forms.append(("pinyin", [needle(s) for s in readings], True))
    return forms


def fuzzy_span(
    folded: str,
    forms: tuple[bytes, bytes],
    term: str,
    table: Callable[[], Mapping[str, str]],
    *,
    spelled: bool = True,
    sounds_like: bool = True,
) -> tuple[int, int] | None:
    """Where ``term`` matched ``folded`` by pinyin or by sound (its syllables and initials forms
    given; ``spelled`` and ``sounds_like`` as for ``fuzzy_forms``), in characters; None when it
    does not."""
    syllables, initials = forms
    for form, needles, _ in fuzzy_forms(term, table, spelled=spelled, sounds_like=sounds_like):
        for found in needles:
            span = span_in(
                folded, initials if form == "initials" else syllables, found, initials=form == "initials"
            )
            if span is not None:
                return span
    return None


def needle(syllables: tuple[str, ...]) -> bytes:
    """What a syllable sequence looks like in the syllables form."""
    return (" " + " ".join(syllables) + " ").encode("ascii")


def span_in(folded: str, form: bytes, found: bytes, *, initials: bool) -> tuple[int, int] | None:
    """Where ``found`` (syllables or initials) lies in ``folded``, in characters: each Han
    character is one token of a form, each run of anything else one ``|``."""
    at = form.find(found)
    if at < 0:
        return None
    tokens = [(m.start(), m.end()) for m in _patterns().token.finditer(folded)]
    if initials:
        first, count = at, len(found)
    else:
        first, count = form.count(b" ", 0, at + 1) - 1, len(found.split())
    if first + count > len(tokens):
        return None
    return tokens[first][0], tokens[first + count - 1][1]


def sort_key(text: str) -> str:
    """A title's sort key: pinyin syllables for Han characters, other text as it is."""
    spelled = syllables_of(text)
    return " ".join(syllable or char for syllable, char in zip(spelled, text.lower(), strict=True))
