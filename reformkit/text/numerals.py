"""Chinese numerals and the units and measure words figures carry (used by ``text.figures``).

``chinese_number`` reads 十二, 两, 一百零五; ``UNITS`` lists the measure words and units a
figure may carry; ``MULTIPLIERS`` the multipliers kept in a unit (万笔, 亿元).
"""

from __future__ import annotations

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"万": 10_000.0, "亿": 100_000_000.0, "千": 1000.0, "百": 100.0}

#: Measure words and units a figure may carry, longest first where one begins another.
UNITS = [
    "个百分点",
    "个工作日",
    "工作日",
    "个小时",
    "小时",
    "分钟",
    "秒钟",
    "个月",
    "平方米",
    "平方公里",
    "公里",
    "千瓦时",
    "万千瓦时",
    "人次",
    "户次",
    "件次",
    "批次",
    "余项",
    "元",
    "万元",
    "亿元",
    "美元",
    "万美元",
    "亿美元",
    "吨",
    "万吨",
    "标箱",
    "TEU",
    "个",
    "次",
    "批",
    "项",
    "家",
    "件",
    "天",
    "日",
    "周",
    "年",
    "名",
    "人",
    "户",
    "笔",
    "张",
    "份",
    "本",
    "台",
    "条",
    "类",
    "种",
    "部",
    "所",
    "座",
    "处",
    "倍",
    "成",
    "轮",
    "道",
    "套",
    "支",
    "位",
    "块",
    "环节",
    "页",
    "单",
    "票",
    "艘",
    "辆",
    "箱",
    "秒",
    "分",
    "米",
    "亩",
    "宗",
    "场次",
    "场",
    "小项",
    "大项",
    "大类",
    "小类",
    "册",
    "元/千瓦时",
    "%",
    "％",
    "‰",
]
#: Measure words of a span of time: 一个月 and 一个工作日 are figures where 一个门 is an article.
TIME_MEASURES = frozenset(("个月", "个工作日", "工作日", "个小时", "小时", "天", "周", "分钟"))


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (``十二`` 12, ``两`` 2, ``一百零五`` 105); None if it is none."""
    total = section = digit = 0
    seen = False
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
            seen = True
        elif char in CHINESE_UNITS:
            factor = CHINESE_UNITS[char]
            if factor >= 10_000:
                total = (total + section + digit or 1) * factor
                section = 0
            else:
                section += (digit or 1) * factor
            digit = 0
            seen = True
        else:
            return None
    return total + section + digit if seen else None
