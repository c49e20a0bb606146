"""Number drafts for an instructor's own article: every number of a sentence,
written in Arabic digits (2440万羽, 14.8%, 3至5年) or in Chinese numerals
(三千万人, 二○○一年, 百分之十五, 数千个), classified the way the page's own data is:
an amount (value as written, unit from dubao.content.units, the qualifier that
bounds it, kind actual/estimate/target/rank), a date (unit ``date``, an ISO value
as far as the text gives it: ``2001`` for a year alone, ``--12-20`` without a
year), or a not-figure with its reason (an ordinal, part of a name, a set
phrase, the period of other figures). Chinese numerals are read with ``cn2an``
(MIT); ○, which news text uses for zero, is read as 〇 first.

>>> [(d.what, d.written, d.value, d.unit) for d in draft("二○○一年，新馆建成。")]
[('date', '二○○一年', '2001', 'date')]
>>> [(d.what, d.written, d.value, d.unit, d.qualifier) for d in draft("全市有逾三千万人。")]
[('amount', '三千万', 3000, '万人', '逾')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dubao.content import units

CLAUSE_ENDS = "，。、；：！？“”（）《》"
ARABIC = re.compile(r"\d+(?:\.\d+)?")
CHINESE_DIGITS = "零〇○一二两三四五六七八九十百千万亿"
CHINESE = re.compile(rf"[{CHINESE_DIGITS}]+(?:点[{CHINESE_DIGITS}]+)?")
VAGUE = re.compile(r"[数几]([十百千万亿]+)")            # 数千, 数十亿, 几百
PERCENT_WORDS = "百分之"
RANGE_SIGNS = ("至", "到", "-", "—", "～", "~")
# Words between a qualifier and its number: 力争达到6000万羽, 预计达3600万羽, 将逾5000万.
LINKS = ("达到", "达", "到", "将", "为", "了", "至")
RANK_CUES = ("全国", "全省", "全市", "全区", "全球", "世界", "排名", "位居", "居", "列", "位列")
TARGET_CUES = ("目标", "力争", "计划", "争取", "确保")
ESTIMATE_CUES = ("预计", "预期", "有望", "将")
PERIOD_AFTER = ("以来", "来")          # 近五年来: over the past five years
PERIOD_BEFORE = ("未来", "过去", "近")  # 未来十年
# Measure words that make 一 an article ("一个重要", "a"), not a figure.
COUNT_WORDS = set("个项家种次批位名条件座所场篇份台辆户间株头套道轮刻笔款些点大")
# 将 of the future (将逾, 将达到), not 将 as 把 (将每一个环节都…)
FUTURE = re.compile(r"将(?:逾|达|超|突破|增|提高|实现|有|会|可|能|新增|带动)")
PLANNED = re.compile(r"将(?:于|在|正式|启动|开始|举行|举办|召开|实施|推出|开通|全面)")
NAME_AFTER = ("号", "期", "线", "代", "届", "轮", "级")  # 嫦娥六号, 二期, 二线口岸


@dataclass
class NumberDraft:
    """One number of a sentence: ``start``/``end`` bound ``written``; ``what`` is
    amount, date or not-figure; ``span_end`` is where its unit (and qualifier) end."""

    start: int
    end: int
    written: str
    what: str
    value: object = None
    unit: str = ""
    qualifier: str | None = None
    kind: str = "actual"
    reason: str = ""
    span_start: int = 0
    span_end: int = 0
    chinese: bool = False
    note: str = ""


def chinese_value(text: str):
    """三千六百 -> 3600, 二○○一 -> 2001, 五十七点四 -> 57.4; None when it is not a
    well-formed number (十四五, 百 alone)."""
    import cn2an

    try:
        value = cn2an.cn2an(text.replace("○", "〇"), "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    except Exception:  # cn2an raises its own bare Exception for malformed input
        return None
    return int(value) if float(value).is_integer() else float(value)


def _numbers(text: str) -> list[tuple[int, int, object, bool]]:
    """(start, end, value, chinese) for every Arabic and Chinese number of the text."""
    found = [(m.start(), m.end(), float(m.group()) if "." in m.group() else int(m.group()), False)
             for m in ARABIC.finditer(text)]
    taken = [(a, b) for a, b, _, _ in found]
    for m in CHINESE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found.append((m.start(), m.end(), chinese_value(m.group()), True))
    return sorted(found)


def _inside_word(text: str, start: int, end: int, words: list[tuple[int, int]]) -> bool:
    """A Chinese numeral that jieba reads as part of a longer word (统一, 长三角,
    三电系统, 十分): the word it is in starts before it or goes on past it with
    something that is not a unit."""
    for a, b in words:
        if a <= start < b:
            if a < start and text[a:start] not in ("第", "数", "几", "近"):
                return True
            if b > end and units.unit_at(text[end:b]) is None and text[end:b][:1] not in COUNT_WORDS | set("年月日号万亿"):
                return True
            return False
    return False


def _qualifier_before(text: str, start: int) -> str | None:
    at = start
    for link in LINKS:
        if text[:at].endswith(link):
            at -= len(link)
            break
    for word in units.qualifiers_before():
        if text[:at].endswith(word) or (at == start and text[:start].endswith(word)):
            return word
    return None


def _qualifier_after(text: str, at: int) -> tuple[str | None, int]:
    for word in units.qualifiers_after():
        if text.startswith(word, at):
            return word, at + len(word)
    return None, at


def _clause(text: str, at: int) -> str:
    left = max((text.rfind(c, 0, at) for c in CLAUSE_ENDS), default=-1) + 1
    rights = [i for i in (text.find(c, at) for c in CLAUSE_ENDS) if i >= 0]
    return text[left:min(rights) if rights else len(text)]


def _kind(text: str, at: int, qualifier: str | None, date: bool = False) -> str:
    if qualifier and units.qualifier(qualifier).bound == "target":
        return "target"
    # cues before the number (计划再用3年时间，推动…突破5000万羽), or in its clause;
    # never after it (…完成建设目标 says a target was met, not that 12月3日 is one)
    clause = _clause(text, at)
    before = text[:at] + clause
    if any(cue in before for cue in TARGET_CUES):
        return "target"
    if date:
        return "target" if PLANNED.search(text, max(0, at - 8), at + 30) else "actual"
    if (qualifier and units.qualifier(qualifier).bound == "estimate") \
            or any(c in before for c in ESTIMATE_CUES[:3]) or FUTURE.search(text[:at + 3]):
        return "estimate"
    return "actual"


def draft(text: str) -> list[NumberDraft]:
    """Every number of one sentence, classified (see the module docstring)."""
    from dubao.language import segment

    words, at = [], 0
    for word in segment.cut(text):
        words.append((at, at + len(word)))
        at += len(word)
    numbers = _numbers(text)
    out: list[NumberDraft] = []
    skip_until = -1
    for i, (start, end, value, chinese) in enumerate(numbers):
        if start < skip_until:
            continue
        made = _classify(text, i, numbers, words)
        for d in made:
            out.append(d)
            skip_until = max(skip_until, d.span_end if d.what == "date" else d.end)
    # A year alone in a sentence that states amounts is the period of those amounts.
    if any(d.what == "amount" for d in out):
        for d in out:
            if d.what == "date" and re.fullmatch(r"\d{4}", str(d.value)) and d.written.endswith("年"):
                d.what, d.reason = "not-figure", "the period of the figures in this sentence"
                d.value, d.unit = None, ""
    return out


def _classify(text, i, numbers, words) -> list[NumberDraft]:
    start, end, value, chinese = numbers[i]
    written = text[start:end]
    after = text[end:]
    before = text[:start]
    d = NumberDraft(start, end, written, "amount", value, chinese=chinese, span_start=start, span_end=end)

    def not_figure(reason, span_end=None, span_start=None):
        d.what, d.reason, d.value, d.unit = "not-figure", reason, None, ""
        d.span_start = start if span_start is None else span_start
        d.span_end = span_end or end
        return [d]

    if chinese:
        vague = VAGUE.match(text, start - 1) if before.endswith(("数", "几")) else None
        if vague:  # 数千个, 数十亿元: a rough size, a lower bound
            inner = vague.group(1)
            size = inner[0]
            d.start, d.written = start - 1, text[start - 1:start - 1 + 1 + len(size)]
            d.value = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 10 ** 8}[size]
            d.span_start = d.start
            d.end = d.start + len(d.written)
            d.qualifier = "数"
            return _amount(text, d, d.end, words)
        if re.fullmatch(r"十[一二三四五六七八九]五", written):
            return not_figure(f"the name of a five-year plan (“{written}”), not an amount")
        if before.endswith(PERCENT_WORDS):
            if value is None:
                return []
            d.start, d.written, d.unit = start - 3, text[start - 3:end], "%"
            d.span_start = d.start
            d.qualifier = _qualifier_before(text, d.start)
            d.kind = _kind(text, start, d.qualifier)
            return [d]
        fraction = re.match(rf"分之([{CHINESE_DIGITS}]+)", after)
        if fraction and value and chinese_value(fraction.group(1)):  # 五分之一以上, 三分之二: a share
            share_end = end + fraction.end()
            d.written, d.end = text[start:share_end], share_end
            d.value = round(chinese_value(fraction.group(1)) / value, 6)
            d.qualifier, d.span_end = _qualifier_after(text, share_end)
            d.qualifier = d.qualifier or _qualifier_before(text, start)
            d.kind = _kind(text, start, d.qualifier)
            return [d]
        if value is None or _inside_word(text, start, end, words) and not before.endswith("第"):
            return []  # 统一, 十分, 百强: a character of a word, not a number
        if written == "一" and not after.startswith(("万", "亿", "千", "百")) and not before.endswith("第") \
                and not (after[:1] in COUNT_WORDS and (after[1:2] in CLAUSE_ENDS or not after[1:2])):
            return []  # 一个, 一年来, 一带一路: "a, one", not a figure; but 每年举行一次。 is a count
    photo = re.search(r"(?:附|配)?图片?$", before)
    if photo and photo.group() and re.match(r"张", after):  # 附图片1张: a photo note, not the news
        return not_figure(f"a photo note ({photo.group()}{written}张), not part of the news", end + 1,
                          start - len(photo.group()))
    if re.match(r"[A-Za-z]", after) and units.unit_at(after) is None or re.search(r"[A-Za-z]$", before):
        letters = re.match(r"[A-Za-z]*", after).group()
        lead = re.search(r"[A-Za-z]*$", before).group()
        return not_figure(f"part of a name or term ({lead}{written}{letters}), not an amount",
                          end + len(letters), start - len(lead))
    if before.endswith("第"):
        if after.startswith(("万", "亿")):  # 第50万辆: the 500,000th, a count reached
            return _amount(text, d, end, words)
        if any(before[:-1].endswith(cue) for cue in RANK_CUES) or any(c in _clause(text, start) for c in ("排名", "位居")):
            d.unit, d.kind = "位", "rank"
            d.span_start, d.span_end = start - 1, end
            d.start, d.written = start - 1, text[start - 1:end]
            return [d]
        tail = after[:1] if after[:1] and after[:1] not in CLAUSE_ENDS else ""
        return not_figure(f"an ordinal (第{written}{tail}), not an amount", end + len(tail), start - 1)
    date = _date(text, i, numbers)
    if date:
        return date
    if after.startswith("世纪"):
        return not_figure(f"a century ({written}世纪), a period and not an amount", end + 2)
    if after.startswith("年代"):
        return not_figure(f"a decade ({written}年代), a period and not an amount", end + 2)
    if chinese and after.startswith(NAME_AFTER) or chinese and before.endswith("“") and units.unit_at(after) is None:
        return not_figure(f"part of a name ({written}{after[:1]}), not an amount", end + 1)
    return _amount(text, d, end, words, numbers, i)


def _date(text, i, numbers) -> list[NumberDraft] | None:
    """A date starting at number i: 2024年7月, 12月20日, 二○○一年, 2025 alone."""
    start, end, value, chinese = numbers[i]
    parts, at, k = {}, start, i
    for unit, key, low, high in (("年", "year", 1000, 2200), ("月", "month", 1, 12), (("日", "号"), "day", 1, 31)):
        if k >= len(numbers) or numbers[k][0] != at:
            break
        s, e, v, _ = numbers[k]
        if not isinstance(v, int) or not low <= v <= high or not text.startswith(unit, e):
            continue
        if key == "year" and not (e - s == 4):
            continue
        parts[key] = v
        at, k = e + 1, k + 1
    written = text[start:at]
    if "month" in parts and text.startswith(("中旬", "上旬", "下旬", "初", "底", "末"), at):
        n = 2 if text.startswith(("中旬", "上旬", "下旬"), at) else 1
        d = NumberDraft(start, at + n, text[start:at + n], "not-figure",
                        reason=f"a time of the month ({text[start:at + n]}), not an amount or a date",
                        span_start=start, span_end=at + n)
        return [d]
    if "month" in parts and "day" not in parts and text.startswith(RANGE_SIGNS, at):
        second = re.match(r"(?:至|到|-|—|～|~)(\d{1,2}|[一二三四五六七八九十]+)月", text[at:])
        if second:
            span = at + second.end()
            return [NumberDraft(start, span, text[start:span], "not-figure",
                                reason=f"a range of months ({text[start:span]}), a season and not a date",
                                span_start=start, span_end=span)]
    if not parts or list(parts) == ["day"]:
        # a bare 19xx/20xx with no unit: 2025，创新浪潮奔涌不息
        if not chinese and isinstance(value, int) and 1900 <= value <= 2100 and end - start == 4 \
                and (end == len(text) or text[end] in CLAUSE_ENDS or text[end] == " "):
            return [NumberDraft(start, end, text[start:end], "date", str(value), "date",
                                span_start=start, span_end=end, kind=_kind(text, start, None, True))]
        return None
    if text.startswith("度", at) and list(parts) == ["year"]:
        return [NumberDraft(start, at + 1, text[start:at + 1], "not-figure",
                            reason=f"a year in a name or title ({text[start:at + 1]}), not a date",
                            span_start=start, span_end=at + 1)]
    if list(parts) == ["year"] and text.startswith(("以来", "前", "后", "至今"), at):
        pass  # still a year: 2018年以来 marks a point in time
    if "year" in parts:
        value = "-".join([str(parts["year"])] + [f"{parts[k]:02d}" for k in ("month", "day") if k in parts])
    else:
        value = "--" + "-".join(f"{parts[k]:02d}" for k in ("month", "day") if k in parts)
    return [NumberDraft(start, at, written, "date", value, "date", chinese=chinese,
                        span_start=start, span_end=at, kind=_kind(text, start, None, True))]


def _amount(text, d, at, words, numbers=None, i=None) -> list[NumberDraft]:
    """The unit, qualifiers and kind of an amount whose number ends at ``at``."""
    qualifier = d.qualifier or _qualifier_before(text, d.start)
    second = None
    # a range 3至5年 / 三至五年: both bounds get the unit written after the second
    if numbers and i is not None and i + 1 < len(numbers):
        s, e, v, _ = numbers[i + 1]
        between = text[at:s]
        if between in RANGE_SIGNS and v is not None:
            second = NumberDraft(s, e, text[s:e], "amount", v, chinese=numbers[i + 1][3],
                                 span_start=s, span_end=e, note=f"the upper bound of the range {text[d.start:e]}")
            d.note = f"the lower bound of the range {text[d.start:e]}"
            at = e
    trailing, at = _qualifier_after(text, at)   # 5000多万: 多 before 万
    multiplier = ""
    if d.chinese and d.written[-1] in units.MULTIPLIERS and len(d.written) > 1 and d.qualifier != "数":
        multiplier = d.written[-1]              # 三千万 is 3000 万
        d.value = chinese_value(d.written[:-1])
    if text[at:at + 1] in units.MULTIPLIERS:
        multiplier, at = multiplier + text[at], at + 1
    if text.startswith("个百分点", at):
        unit, at = "百分点", at + 4
    elif text[at:at + 1] in "%％":
        unit, at = "%", at + 1
    else:
        found = units.unit_at(text[at:])
        if found == "个" and text.startswith(("个多月", "个余月"), at):  # 3个多月: 多 inside 个月
            unit, trailing, at = "个月", text[at + 1], at + 3
        elif found:
            unit, at = found, at + len(found)
        elif text.startswith("大", at) and not d.chinese or text.startswith("大", at) and d.value and d.value > 1:
            unit, at = "个", at + 1  # 6大科研平台, 三大工艺: "N major ...", a count (in 个)
        else:
            nxt = text[at:at + 1]
            unit = nxt if nxt and nxt in COUNT_WORDS - {"些", "点", "大"} else ""
            at += len(unit)
    if unit.startswith(tuple(units.MULTIPLIERS)):
        multiplier, unit = multiplier + unit[0], unit[1:]
    if not trailing:
        trailing, at = _qualifier_after(text, at)   # 3.5万多家: 多 after 万; 10万元左右
        if trailing in ("多", "余") and units.unit_at(text[at:]):
            unit2 = units.unit_at(text[at:])
            unit, at = unit or unit2, at + len(unit2)
    if not unit and not multiplier:
        if d.qualifier != "数":
            d.what, d.value = "not-figure", None
            d.span_start, d.span_end = d.start, (second.end if second else at)
            d.reason = (f"a number without a unit ({text[d.start:d.span_end]}): a set phrase or part of a name? "
                        "(review)")
            return [d]  # a range without a unit (从1到100) is one phrase
    d.unit = multiplier + unit
    if unit == "年" and (text.startswith(PERIOD_AFTER, at) or text[:d.start].endswith(PERIOD_BEFORE)) \
            and not text[at:].startswith(("内", "以内")):
        d.what, d.value, d.unit = "not-figure", None, ""
        lead = next((w for w in PERIOD_BEFORE if text[:d.start].endswith(w)), "")
        tail = next((w for w in PERIOD_AFTER if text.startswith(w, at)), "")
        d.reason = f"a period of time ({lead}{text[d.start:at]}{tail}): context, not an amount"
        d.span_end = at
        return [d]
    d.qualifier = qualifier or trailing
    d.span_end = at
    if d.qualifier and d.qualifier not in units.QUALIFIERS:
        d.qualifier = None
    if d.qualifier and units.qualifier(d.qualifier).bound == "upper" and unit in ("年", "个月", "天", "小时"):
        d.kind = "target"  # 自即日起2年内: a deadline that is set
    elif unit == "位" and any(c in _clause(text, d.start) for c in ("排名", "位次", "第")) \
            or unit == "位" and "的" == text[d.start - 1:d.start]:
        d.kind = "rank"
    else:
        d.kind = _kind(text, d.start, d.qualifier)
    if second is not None:
        second.unit, second.qualifier, second.kind, second.span_end = d.unit, trailing, d.kind, at
        if second.chinese and second.written[-1] in units.MULTIPLIERS:
            second.value = chinese_value(second.written[:-1])
        return [d, second]
    return [d]
