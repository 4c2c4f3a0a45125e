"""Numbers in a Chinese text written out as a speaker reads them, in characters.

Digits have no reading of their own, so speech from a sentence's pinyin would skip them
("截至7月26日" said without its date). :func:`spell_numbers` writes them as words first,
and the sentence's reading then follows from its characters:

    >>> spell_numbers("3月27日")
    '三月二十七日'
    >>> spell_numbers("2025年增长45%，达3.5万")
    '二〇二五年增长百分之四十五，达三点五万'

A year (four digits before 年) is read digit by digit, as are numbers with a leading zero
and long runs of digits (codes, telephone numbers); a percentage is 百分之 and the number;
a decimal point is 点 with each digit after it read alone; 10:30 is 十点三十分; any other
number is a cardinal (两千零二十四). 两 stands for a leading 2 before 百, 千, 万 or 亿, as it is
said (两千, 两万); elsewhere 2 is 二.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
#: Digit-by-digit readings use 〇 for zero, as years are written (二〇二五).
_DIGITS_ALONE = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_GROUP_UNITS = ("", "万", "亿", "万亿")
#: Longer integers are read digit by digit: beyond 万亿 a number is a code, not a quantity.
_LONGEST_CARDINAL = 16

# \d takes full-width digits too (２０２４), and int() reads them; the marks may be either.
_NUMBER = re.compile(
    r"(?P<year>(?<!\d)\d{4})(?=\s*年)"
    r"|(?<!\d)(?P<clock>\d{1,2})[:：](?P<minute>\d{2})(?!\d)"
    r"|(?P<percent>\d+(?:[.．]\d+)?)\s*[%％]"
    r"|(?P<decimal>\d+[.．]\d+)"
    r"|(?P<grouped>\d{1,3}(?:,\d{3})+)(?!\d)"
    r"|(?P<integer>\d+)"
)


def digits_alone(digits: str) -> str:
    """Each digit read alone: "2025" -> "二〇二五"."""
    return "".join(_DIGITS_ALONE[int(d)] for d in digits)


def _four(n: int) -> str:
    """0 < n < 10,000 with its units; a zero between digits is said once (一千零五)."""
    out: list[str] = []
    zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[place])
    return "".join(out)


def cardinal(n: int) -> str:
    """A whole number as said: 10 十, 15 十五, 115 一百一十五, 2024 两千零二十四, 10005 一万零五."""
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    out: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and (group < 1000 or groups[index + 1] == 0):
            out.append("零")
        out.append(_four(group) + _GROUP_UNITS[index])
    text = "".join(out).replace("零零", "零")
    if text.startswith("一十"):
        text = text[1:]  # 十五, not 一十五 (but 一百一十五)
    if text.startswith("二") and len(text) > 1 and text[1] in "百千万亿":
        text = "两" + text[1:]
    return text


def _decimal(number: str) -> str:
    whole, _, fraction = number.replace("．", ".").partition(".")
    spoken = _integer(whole)
    return f"{spoken}点{''.join(_DIGITS[int(d)] for d in fraction)}" if fraction else spoken


def _integer(digits: str) -> str:
    if (len(digits) > 1 and digits.startswith("0")) or len(digits) > _LONGEST_CARDINAL:
        return digits_alone(digits)
    return cardinal(int(digits))


def _spoken(match: re.Match[str]) -> str:
    group = match.lastgroup
    if group == "year":
        return digits_alone(match["year"])
    if group in ("clock", "minute"):
        minute = match["minute"]
        minutes = "" if minute == "00" else (
            f"零{_DIGITS[int(minute[1])]}分" if minute.startswith("0") else
            f"{cardinal(int(minute))}分")
        return f"{cardinal(int(match['clock']))}点{minutes}"
    if group == "percent":
        return "百分之" + _decimal(match["percent"])
    if group == "decimal":
        return _decimal(match["decimal"])
    if group == "grouped":
        return cardinal(int(match["grouped"].replace(",", "")))
    return _integer(match["integer"])


def spell_numbers(text: str) -> str:
    """``text`` with every number (ASCII or full-width digits) written as it is read."""
    return _NUMBER.sub(_spoken, text) if any(char.isdigit() for char in text) else text
