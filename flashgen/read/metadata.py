"""What on a news page is not the article: metadata, boilerplate, bylines and headlines.

Lines of labelled values (sources, editors, dates), navigation links, addresses and
copyright notices are dropped by their shape: a label from a closed list and a short
value, a date alone, a URL alone. A paragraph pair that survives is then told apart as a
byline (a role word or "By" and only names), a headline (short, no closing stop) or body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from flashgen.lexicon.script import HAN
from flashgen.read.language import CLOSERS, HAN_RE, has_letters
from flashgen.records import Paragraph

# Label words news sites put before metadata values ("Source: Xinhua", "责任编辑：张三"),
# or alone on a line with the value on the next line. Bylines (By..., 记者...) are not here.
_LABELS_ZH = (
    "来源|稿源|出处|编辑|责任编辑|责编|主编|编审|审核|审校|校对|终审|初审|复审|值班编辑|"
    "网络编辑|出品|监制|策划|制作|统筹|美编|时间|发布时间|更新时间|发表时间|日期|"
    "图片|图|摄影|图片来源|视频|翻译|编译|原标题|字号|字体|浏览|阅读|点击|分享|分享到|"
    "关键词|标签"
)
_LABELS = (
    "source|sources|editor|editors|chief editor|web editor|editor-in-chief|copy editor|"
    "proofreader|translator|translated by|compiled by|author|writer|reporter|contributor|"
    "time|date|published|publish time|release time|posted|posted on|updated|last updated|"
    "photo|photos|photo by|image|images|picture|credit|credits|caption|tags|keywords|"
    f"views|comments|font size|print|share|{_LABELS_ZH}"
)
_LABEL_ALONE_RE = re.compile(rf"^(?:{_LABELS})\s*[:：]?$", re.I)
_LABEL_SPACE_RE = re.compile(rf"^(?:{_LABELS})\s+", re.I)
_LABEL_VALUE_RE = re.compile(
    rf"^(?:(?:{_LABELS})\s*[:：]\s*\S.{{0,80}}"
    # without a colon only a Chinese label and one to three names: "责任编辑 张三"
    rf"|(?:{_LABELS_ZH})\s+[{HAN}·]{{2,4}}(?:\s+[{HAN}·]{{2,4}}){{0,2}})$",
    re.I,
)
# Several metadata items on one line: "2024年08月06日 10:30  来源：新华网 | 编辑：张三".
_SEGMENTS_RE = re.compile(r"\s{2,}|\s*[|｜]\s*|\u3000+")
# What a line holds when it has several segments: one search for it costs a third of a
# split, and most lines of a long text have none.
_SEGMENTED_RE = re.compile(r"\s\s|[|｜\u3000]")
# The links of a navigation bar, split at brackets and bars: "首页 | [返回]"; and the marks
# without which a line is one link at most.
_NAV_SPLIT_RE = re.compile(r"[\s|｜/·•]*[\[\]【】()（）|｜]+[\s|｜/·•]*")
_NAV_MARK_RE = re.compile(r"[\[\]【】()（）|｜]")
# Navigation and sharing links left over from a web page.
_NAV_RE = re.compile(
    r"^(?:related(?: news| articles| stories| content| reading| links)?|read more|more|"
    r"more news|see also|back|go back|back to top|top|home|homepage|share(?: this)?|"
    r"print|close|next|previous|prev|subscribe|advertisement|comments?|"
    r"相关新闻|相关阅读|相关报道|相关链接|相关文章|延伸阅读|推荐阅读|热点推荐|返回|返回顶部|"
    r"返回首页|返回列表|首页|打印|关闭|关闭窗口|分享|分享到|收藏|上一篇|下一篇|上一页|下一页|"
    r"更多|更多新闻|更多内容|查看更多|点击进入|扫一扫|二维码|纠错|我要纠错|完|全文完|评论|"
    r"点赞|转发|微信|微博|qq空间|朋友圈)$",
    re.I,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A calendar day (2024-08-06, 2024年8月6日, Aug 6, 2024, 6 August 2024, 06/08/24), then
# optionally a time of day and a time zone.
_DAY = (
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
)
_CLOCK = (
    r"[\s,|]*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[ap]\.?m\.?)?)?"
    r"\s*(?:\(?(?:utc|gmt|bjt|cst|et|est|edt|pst|北京时间)[+\-\d:]*\)?)?$"
)
# A page's date stamp: a day or a time or both, perhaps "Updated" before them.
_DATE_RE = re.compile(rf"^(?:(?:updated|published|posted)\s*:?\s*)?(?:{_DAY})?{_CLOCK}", re.I)
# A date line: a day, perhaps with its time, and nothing else.
_DATE_LINE_RE = re.compile(rf"^(?:{_DAY}){_CLOCK}", re.I)
_URL_RE = re.compile(r"^(?:(?:https?://|www\.)\S+|\S+@\S+\.\w+)$", re.I)
_COPYRIGHT_RE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|版权所有|未经授权|不得转载|"
    r"禁止转载|转载请注明|违者必究",
    re.I,
)
# Longest line still taken for a copyright notice: longer ones are prose about copyright.
_COPYRIGHT_MAX = 160
_BRACKETS = "()（）[]【】〔〕<>《》「」『』"


def _bare(line: str) -> str:
    """A line without surrounding brackets and trailing punctuation, for matching."""
    return line.strip().strip(_BRACKETS + " ").strip().rstrip(":：.。!！").strip()


def _is_boilerplate_line(line: str) -> bool:
    bare = _bare(line)
    if not bare or not has_letters(line):
        return True
    if _SEGMENTED_RE.search(bare):
        segments = [seg for seg in _SEGMENTS_RE.split(bare) if seg]
        if len(segments) > 1:
            return all(_is_boilerplate_line(seg) for seg in segments)
    tokens = [t for t in _NAV_SPLIT_RE.split(bare) if t] if _NAV_MARK_RE.search(bare) else [bare]
    if tokens and all(_NAV_RE.match(t.strip()) for t in tokens):
        return True
    labelled = _LABEL_SPACE_RE.match(bare)
    return bool(
        _LABEL_VALUE_RE.match(bare)
        or (labelled and _DATE_RE.match(bare[labelled.end() :]))
        or _DATE_RE.match(bare)
        or _URL_RE.match(bare)
        or (len(line) <= _COPYRIGHT_MAX and _COPYRIGHT_RE.search(line))
    )


def content_lines(lines: Sequence[str]) -> list[str]:
    """The lines of a block that are not metadata: a label alone on a line takes the next
    line (its value) with it; a date line alone stays, to pair with its translation."""
    kept: list[str] = []
    skip_value = False
    for line in lines:
        if skip_value:
            skip_value = False
            continue
        if _LABEL_ALONE_RE.match(_bare(line)):
            skip_value = True
            continue
        if is_date_line(line) or not _is_boilerplate_line(line):
            kept.append(line)
    return kept


# A headline is at most this long (characters of Chinese; words of English): 93 % of the
# 5,063 titles in ../shared/eval/corpus/xwlb_2025.txt are 40 characters or shorter (median
# 20); English headlines rarely pass 20 words.
_HEADLINE_ZH = 40
_HEADLINE_EN = 25
_ZH_STOPS = "。！？!?.…；;，,：:、"
_EN_STOPS = ".!?;,:"
# A Chinese byline or credit line: credits, each an optional agency, a role word and only
# names ("本报记者 张三 李四", "文/王五", "（记者 赵六 报道）", "译者/孙七") or names and
# what they did ("周八 摄"), perhaps several on one line ("文/王五 图/孙七").
_NAME_ZH = f"[{HAN}·]{{2,5}}"
_NAMES_ZH = rf"{_NAME_ZH}(?:\s*[、,，和及 ]\s*{_NAME_ZH})*"
_AGENCY_ZH = r"(?:本报|本台|本刊|新华社|中新社|中新网)?(?:特约|驻\S{1,6})?"
_ROLE_ZH = r"(?:记者|作者|通讯员|撰稿|撰文|文|编译|译者|翻译|编辑|责编|摄影|摄像|摄|图|制图)"
_CREDIT_ZH = (
    rf"(?:{_AGENCY_ZH}{_ROLE_ZH}\s*[:：/／|｜]?\s*{_NAMES_ZH}\s*(?:报道|摄)?"
    rf"|{_AGENCY_ZH}{_NAMES_ZH}\s*(?:摄|供图|制图))"
)
_BYLINE_ZH_RE = re.compile(
    rf"^[(（【\[]?\s*{_CREDIT_ZH}(?:\s*[ |｜/／;；]\s*{_CREDIT_ZH})*\s*[)）】\]]?$"
)
# An English byline or credit line: "By Jane Doe", or a role before "by" ("Additional
# reporting by ...", "Photo by ...", "(Reporting by ...; Editing by ...)"). One that does not
# end a sentence will do ("By 2030, ..." does); one that ends with a full stop must hold
# nothing but credits: a role, "by", capitalised names, perhaps "in" and a place.
_ROLES_EN = (
    r"(?i:(?:additional\s+)?(?:reporting|editing|writing|research|text|words|story|interview|"
    r"photos?|photographs?|photography|pictures?|images?|video|graphics?|illustrations?)|"
    r"written|reported|edited|compiled|translated|photographed|filmed|produced|illustrated)"
)
_BY_EN_RE = re.compile(rf"^[(\[]?\s*(?:{_ROLES_EN}\s+)?[Bb]y\s+[A-Z]")
_NAME_EN = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_NAMES_EN = rf"{_NAME_EN}(?:\s*(?:,|and|&)\s*{_NAME_EN})*"
_CREDIT_EN = rf"(?:{_ROLES_EN}\s+)?[Bb]y\s+{_NAMES_EN}(?:\s+in\s+{_NAMES_EN})?"
_CREDIT_EN_RE = re.compile(rf"^[(\[]?\s*{_CREDIT_EN}(?:\s*[;,]\s*{_CREDIT_EN})*\s*[)\].]*$")
# Longest credit: "By" plus a few names and an affiliation; a line of several credits
# (separated by semicolons) may hold that many words per credit.
_BYLINE_EN_WORDS = 12
_NAME_EN_RE = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}$")


def _ends_open(text: str, stops: str) -> bool:
    return not text.rstrip(CLOSERS).endswith(tuple(stops))


def _is_pinyin_of(name_en: str, name_zh: str) -> bool:
    """True for ("Li Hai", 李海): a bare name pair is a byline, not a headline."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name_zh)) == re.sub(r"[^a-z]", "", name_en.lower())


def _is_credit_en(en: str) -> bool:
    """An English byline or credit line: a few words, a role and "by", then names."""
    if len(en.split()) > _BYLINE_EN_WORDS * (1 + en.count(";")):
        return False
    if _BY_EN_RE.match(en) and _ends_open(en, ".!?"):
        return True
    return bool(_CREDIT_EN_RE.match(en))


def _is_name_pair(zh: str, en: str) -> bool:
    """A bare name and its pinyin (王芳, Wang Fang): the byline of a bilingual article."""
    return bool(
        en
        and 2 <= len(zh) <= 4
        and _NAME_EN_RE.match(en)
        and all(HAN_RE.match(ch) for ch in zh)
        and _is_pinyin_of(en, zh)
    )


@lru_cache(maxsize=1 << 12)
def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else, a time of day allowed (2024年3月5日 10:30,
    March 5, 2024): unlike a labelled date stamp it may be the translation of another.
    Remembered for the last few thousand lines: reading asks it of each line four times
    (metadata, paragraphs, pairing), 0.3 s of a 8 MB text."""
    bare = _bare(line)
    return bool(_DATE_LINE_RE.match(bare)) and has_letters(bare)


def kind(zh: str, en: str) -> str:
    """The kind of a paragraph and its translation ("" if none): byline (credit lines too),
    headline or body; a date and its translation are body, a sentence pair like any other."""
    if (en and _is_credit_en(en)) or _BYLINE_ZH_RE.match(zh) or _is_name_pair(zh, en):
        return "byline"
    if is_date_line(zh):
        return "body"
    short = len(zh) <= _HEADLINE_ZH and (not en or len(en.split()) <= _HEADLINE_EN)
    if short and _ends_open(zh, _ZH_STOPS) and (not en or _ends_open(en, _EN_STOPS)):
        return "headline"
    return "body"


def headline(paragraphs: Sequence[Paragraph]) -> Paragraph | None:
    """The text's headline: its first paragraph (and translation) when that looks like one
    (short, no closing stop, not a byline, see :func:`kind`), else None.

    A headline further down is a section heading, not the text's title; a text that opens
    with a date line or a sentence has none, and is then known by its file name.
    """
    first = next((p for p in paragraphs if p.zh.strip()), None)
    return first if first is not None and first.kind == "headline" else None


def title(paragraphs: Sequence[Paragraph], fallback: str) -> str:
    """What a text is called on its cards and handout: its Chinese headline, else
    ``fallback`` (the file name)."""
    found = headline(paragraphs)
    return " ".join(found.zh.split()) if found is not None else fallback
