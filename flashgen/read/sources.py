"""Read sources into Documents: decode any common encoding, strip markup, split paragraphs,
drop news-site metadata and pair interleaved English/Chinese paragraphs.

The stage's contract: ``read_document(path, en_path=None, encoding=None) -> Document`` and
``read_subtitles(zh_srt, en_srt) -> Document``. Every problem a user can fix is raised as
:class:`~flashgen.errors.InputError` naming the file and the remedy.
"""

from __future__ import annotations

import bisect
import codecs
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from flashgen.errors import InputError
from flashgen.records import Document, Paragraph

# ---------------------------------------------------------------------------------------
# Characters
# ---------------------------------------------------------------------------------------

# CJK Unified Ideographs with extensions A-G and the compatibility blocks: simplified and
# traditional characters alike, so Traditional input counts as Chinese.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{_HAN}]")
_LATIN = "A-Za-z\u00c0-\u024f"
# Runs, for counting: one match per run instead of one per character halves the cost of
# telling the language of every line of a long text.
_HAN_RUNS_RE = re.compile(f"[{_HAN}]+")
_LATIN_RUNS_RE = re.compile(f"[{_LATIN}]+")
# Han plus CJK punctuation and full-width forms: a line break between two of these is a
# hard wrap inside Chinese text and joins without a space.
_CJK = f"{_HAN}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014"
_CJK_BREAK_RE = re.compile(f"(?<=[{_CJK}])[ \\t\\u3000]*\\n\\s*(?=[{_CJK}])")
_WS_RE = re.compile(r"\s+")
# C0/C1 controls except tab and newline, the BOM/zero-width no-break space and the
# replacement character: what invalid bytes and NULs leave behind.
_JUNK_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffd]")

# A block is Chinese when Han characters make up at least this share of its Han + Latin
# letters. English paragraphs quoting a Chinese name stay under 5 %; Chinese paragraphs
# full of Latin acronyms and product names stay above 30 %.
_ZH_SHARE = 0.2


def han_count(text: str) -> int:
    """Number of Han characters (simplified or traditional) in ``text``."""
    return sum(map(len, _HAN_RUNS_RE.findall(text)))


def language(text: str) -> str:
    """The language of a block: "zh", "en" (Latin letters, no or few Han) or "other"."""
    han = han_count(text)
    latin = sum(map(len, _LATIN_RUNS_RE.findall(text)))
    if han and han >= _ZH_SHARE * (han + latin):
        return "zh"
    return "en" if latin else "other"


def collapse(text: str) -> str:
    """Whitespace runs to one space and ends stripped, as the gold counts paragraphs; a line
    break inside Chinese text (hard wrap) disappears instead of becoming a space."""
    return _WS_RE.sub(" ", _CJK_BREAK_RE.sub("", text)).strip()


# ---------------------------------------------------------------------------------------
# Bytes -> text
# ---------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (.zip, .docx, .epub, .apkg...)"),
    (b"%PDF-", "a PDF"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
# Bytes examined to choose between candidate encodings: enough for charset-normalizer and
# the common-character score, small enough to stay instant on a 30 MB novel.
_SAMPLE = 32_768
# Share of a decoded sample that may be controls or replacement characters before the file
# counts as binary: text with a few stray NULs passes, random bytes give 10 % and more.
_BINARY_SHARE = 0.05
# Share of common characters among the Han characters of a real Chinese text (about 0.9 and
# more) versus random bytes decoded as GB18030 (about 0.16).
_COMMON_SHARE = 0.5
_REMEDY = "give flashgen a text file (.txt, .md, .html or .srt) with Chinese in it"


@lru_cache(maxsize=1 << 16)
def _is_common_han(ch: str) -> bool:
    """In GB2312 level 1 (3,755 common simplified characters) or Big5 level 1 (5,401 common
    traditional ones). A wrong decoding scatters into rare characters, so counting common
    ones tells GBK from Big5 from mis-decoded UTF-8 without any frequency data."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _score(text: str) -> int:
    """How plausible a decoding is: common Han characters minus junk characters."""
    common = sum(1 for ch in HAN_RE.findall(text) if _is_common_han(ch))
    return common - 3 * len(_JUNK_RE.findall(text))


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by its NUL bytes all on one side of each pair (the
    high byte of ASCII characters)."""
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    if len(data) % 2 or nuls < max(2, len(sample) // 50):
        return None
    even = sample[0::2].count(0)
    codec = "utf-16-be" if even >= 0.9 * nuls else "utf-16-le" if even <= 0.1 * nuls else None
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _guess_codec(data: bytes) -> str:
    """The codec whose decoding of a sample looks most like real text.

    Candidates: charset-normalizer's guess, GB18030 (superset of GBK and GB2312), Big5 with
    HKSCS and UTF-8. charset-normalizer alone takes short GBK texts for Korean (cp949), so
    the candidates are compared by how many common Chinese characters they produce.
    """
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    best = from_bytes(sample).best()
    candidates = ["gb18030", "big5hkscs", "utf-8"]
    if best is not None and codecs.lookup(best.encoding).name not in candidates:
        candidates.insert(0, codecs.lookup(best.encoding).name)
    scored = [(_score(sample.decode(c, errors="replace")), -i, c) for i, c in enumerate(candidates)]
    return max(scored)[2]


def _suggest(data: bytes, tried: str) -> str:
    """An --encoding value to try instead of ``tried``."""
    guess = _guess_codec(data)
    if codecs.lookup(guess).name == codecs.lookup(tried).name:
        guess = "utf-8" if codecs.lookup(tried).name != "utf-8" else "gb18030"
    return guess


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    """Bytes to text: an explicit encoding strictly, else BOM, UTF-16 pattern, UTF-8, and the
    best-scoring guess (invalid bytes replaced, then dropped by :func:`_read_plain`)."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:  # unknown, or not a text encoding (rot13, base64)
            raise InputError(
                f"unknown encoding {encoding!r} for file {path}: "
                "use a name like utf-8, gb18030, big5 or utf-16"
            ) from None
        except UnicodeDecodeError as err:
            raise InputError(
                f"file {path} cannot be decoded as {encoding!r} (bad byte at position "
                f"{err.start}): try --encoding {_suggest(data, encoding)}, "
                "or leave out --encoding to detect it"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    text = _utf16_by_nuls(data)
    if text is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(_guess_codec(data), errors="replace")


def _looks_binary(sample: str) -> bool:
    """Many control or replacement characters, and no run of real Chinese text: random
    bytes decode to mostly rare characters, text with a few bad bytes keeps common ones."""
    if len(_JUNK_RE.findall(sample)) <= _BINARY_SHARE * len(sample):
        return False
    han = HAN_RE.findall(sample)
    return sum(1 for ch in han if _is_common_han(ch)) < _COMMON_SHARE * len(han) or not han


def _newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line/paragraph separators to \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")


def _read_plain(path: Path, encoding: str | None) -> str:
    """A file's text, cleaned; InputError for missing, directory, empty or binary files."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"file {path} does not exist: check the path")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file: give the text file inside it")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(
            f"file {path} cannot be read ({err.strerror}): check its permissions"
        ) from None
    if not data.strip():
        raise InputError(f"file {path} is empty: {_REMEDY}")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"file {path} is {what}, not text: {_REMEDY}")
    text = _newlines(_decode(data, path, encoding))
    if _looks_binary(text[:_SAMPLE]):
        raise InputError(f"file {path} looks like a binary file, not text: {_REMEDY}")
    text = _JUNK_RE.sub("", text)
    if not text.strip():
        raise InputError(f"file {path} is empty: {_REMEDY}")
    return text


# ---------------------------------------------------------------------------------------
# Markup
# ---------------------------------------------------------------------------------------

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|h[1-6]|article)\b", re.I)


class _HTMLText(HTMLParser):
    """Text of an HTML page with block elements as paragraph breaks."""

    _BLOCK = frozenset(
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table section article header footer "
        "blockquote pre hr figure figcaption main aside nav form".split()
    )
    _SKIP = frozenset("script style noscript template head svg iframe select textarea".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Source line breaks inside an element are not paragraph breaks.
            self.parts.append(_WS_RE.sub(" ", _CJK_BREAK_RE.sub("", data)))


def html_to_text(source: str) -> str:
    """Visible text of an HTML document, one blank line between block elements."""
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(parser.parts))


_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(?:https?://|mailto:)[^>]*>"), ""),  # autolinks
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__|~~)(.+?)\1"), r"\2"),  # strong, strike-through
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)_(?![\w_])"), r"\1"),  # _em_
)
_MD_DROP_RE = re.compile(
    r"^\s*(?:(?:[-*_]\s*){3,}|=+|-+|\|?[\s:|-]*-[\s:|-]*\|?|\[[^\]]+\]:\s*\S+.*)$"
)
_MD_BLOCK_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+)")


def markdown_to_text(source: str) -> str:
    """Prose of a Markdown document: markers, links, code and front matter removed;
    headings and list items become paragraphs of their own."""
    lines = source.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    out: list[str] = []
    fenced = False
    for line in lines:
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if _MD_DROP_RE.match(line) and line.strip():
            out.append("")
            continue
        block = _MD_BLOCK_RE.match(line)
        if block:
            line = line[block.end() :].rstrip().rstrip("#").rstrip()
            out.append("")
        line = re.sub(r"^\s*(?:>\s?)+", "", line).replace("|", " ")
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        out.append(html.unescape(line))
        if block:
            out.append("")
    return "\n".join(out)


def _strip_markup(text: str, path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _MD_SUFFIXES:
        return markdown_to_text(text)
    head = text[:4096]
    if suffix in _HTML_SUFFIXES or (
        len(_HTML_SNIFF_RE.findall(head)) >= 2 and re.search(r"</(?:p|div|body|html)>", text, re.I)
    ):
        return html_to_text(text)
    return text


def read_text(path: Path, encoding: str | None = None, *, require_chinese: bool = True) -> str:
    """The text of a source file, decoded, cleaned and stripped of Markdown/HTML markup.

    Raises InputError (naming the file) for a missing file, a directory, an empty or binary
    file, bytes that ``encoding`` cannot decode, and, unless ``require_chinese`` is false
    (an English translation file), text without any Chinese.
    """
    path = Path(path)
    text = _strip_markup(_read_plain(path, encoding), path)
    if not text.strip():
        raise InputError(f"file {path} has no text outside its markup: {_REMEDY}")
    if require_chinese and not HAN_RE.search(text):
        raise InputError(
            f"file {path} contains no Chinese text; flashgen needs Chinese (a Chinese or "
            "bilingual Chinese-English article): check the file, or its --encoding"
        )
    return text


# ---------------------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------------------

_INDENT_RE = re.compile(r"^(?:\u3000|\t| {2,})")


def _raw_blocks(text: str) -> list[list[str]]:
    """Blocks as lists of stripped lines.

    Blocks are separated by blank lines. A file with no blank line at all has one paragraph
    per line. Inside a block, indented lines (full-width or double spaces, tab: the way
    Chinese texts mark paragraphs) start new blocks when at least two lines are indented.
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) > 1 and len(filled) == filled[-1] - filled[0] + 1:
        return [[lines[i].strip()] for i in filled]
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n[ \t\u3000\xa0]*\n", text):
        rows = [line for line in chunk.split("\n") if line.strip()]
        if not rows:
            continue
        if sum(1 for r in rows if _INDENT_RE.match(r)) >= 2:
            current: list[str] = []
            for row in rows:
                if _INDENT_RE.match(row) and current:
                    blocks.append(current)
                    current = []
                current.append(row.strip())
            blocks.append(current)
        else:
            blocks.append([r.strip() for r in rows])
    return blocks


def split_paragraphs(text: str) -> list[str]:
    """Non-empty blank-line-separated blocks, whitespace collapsed (see :func:`_raw_blocks`
    for files with one paragraph per line and indented paragraphs)."""
    return [p for p in (collapse("\n".join(b)) for b in _raw_blocks(text)) if p]


# ---------------------------------------------------------------------------------------
# Metadata and boilerplate
# ---------------------------------------------------------------------------------------

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
    rf"|(?:{_LABELS_ZH})\s+[\u4e00-\u9fff·]{{2,4}}(?:\s+[\u4e00-\u9fff·]{{2,4}}){{0,2}})$",
    re.I,
)
# Several metadata items on one line: "2024年08月06日 10:30  来源：新华网 | 编辑：张三".
_SEGMENTS_RE = re.compile(r"\s{2,}|\s*[|｜]\s*|\u3000+")
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
_DATE_RE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?(?:"
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r")?[\s,|]*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[ap]\.?m\.?)?)?"
    r"\s*(?:\(?(?:utc|gmt|bjt|cst|et|est|edt|pst|北京时间)[+\-\d:]*\)?)?$",
    re.I,
)
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
    if not bare or language(line) == "other":
        return True
    segments = [seg for seg in _SEGMENTS_RE.split(bare) if seg]
    if len(segments) > 1:
        return all(_is_boilerplate_line(seg) for seg in segments)
    tokens = [t for t in re.split(r"[\s|｜/·•]*[\[\]【】()（）|｜]+[\s|｜/·•]*", bare) if t]
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


def _content_lines(lines: Sequence[str]) -> list[str]:
    """The lines of a block that are not metadata: a label alone on a line takes the next
    line (its value) with it."""
    kept: list[str] = []
    skip_value = False
    for line in lines:
        if skip_value:
            skip_value = False
            continue
        if _LABEL_ALONE_RE.match(_bare(line)):
            skip_value = True
            continue
        if not _is_boilerplate_line(line):
            kept.append(line)
    return kept


# ---------------------------------------------------------------------------------------
# Units, headlines, bylines
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A run of same-language content lines of one block."""

    index: int
    lang: str
    text: str


# A block is one paragraph per line when at least this share of its lines (but the last)
# end a sentence; hard-wrapped prose ends a line at a full stop far less often.
_PER_LINE_SHARE = 0.5
_SENTENCE_END = tuple("。！？!?….")
_CLOSERS = "\"'”’」』》）)]】 "


def _line_runs(lines: Sequence[str]) -> list[list[str]]:
    """The lines of a block grouped into paragraphs: one per line when most lines end a
    sentence, else runs of one language (a hard-wrapped paragraph, or a paragraph and its
    translation on consecutive lines)."""
    ends = sum(1 for line in lines[:-1] if line.rstrip(_CLOSERS).endswith(_SENTENCE_END))
    if len(lines) > 1 and ends >= _PER_LINE_SHARE * (len(lines) - 1):
        return [[line] for line in lines]
    runs: list[list[str]] = []
    previous = ""
    for line in lines:
        lang = language(line)
        if runs and lang == previous:
            runs[-1].append(line)
        else:
            runs.append([line])
        previous = lang
    return runs


def _units(text: str) -> list[_Unit]:
    """The content of each block as units of one language; several units share a block's
    index when it holds a paragraph per line or a paragraph and its translation."""
    units: list[_Unit] = []
    for index, lines in enumerate(_raw_blocks(text)):
        for run in _line_runs(_content_lines(lines)):
            joined = collapse("\n".join(run))
            lang = language(joined)
            if lang != "other":
                units.append(_Unit(index, lang, joined))
    return units


# A headline is at most this long (characters of Chinese; words of English): 93 % of the
# 5,063 titles in ../shared/eval/corpus/xwlb_2025.txt are 40 characters or shorter (median
# 20); English headlines rarely pass 20 words.
_HEADLINE_ZH = 40
_HEADLINE_EN = 25
_ZH_STOPS = "。！？!?.…；;，,：:、"
_EN_STOPS = ".!?;,:"
# A Chinese byline: an optional agency, a role word, then only names ("本报记者 张三 李四",
# "文/王五", "（记者 赵六 报道）").
_NAME_ZH = "[\u4e00-\u9fff·]{2,5}"
_BYLINE_ZH_RE = re.compile(
    r"^[(（【\[]?\s*(?:本报|本台|本刊|新华社|中新社|中新网)?(?:特约|驻\S{1,6})?"
    r"(?:记者|作者|通讯员|撰稿|撰文|文|编译|摄影|摄)\s*[:：/／|｜]?\s*"
    rf"{_NAME_ZH}(?:\s*[、,，和及 ]\s*{_NAME_ZH})*\s*(?:报道|摄)?\s*[)）】\]]?$"
)
_BYLINE_EN_RE = re.compile(r"^(?:[Bb]y|[Ww]ritten by|[Rr]eported by|[Ss]tory by)\s+[A-Z]")
# Longest byline: "By" plus a few names and an affiliation.
_BYLINE_EN_WORDS = 12
_NAME_EN_RE = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}$")


def _ends_open(text: str, stops: str) -> bool:
    return not text.rstrip(_CLOSERS).endswith(tuple(stops))


def _is_pinyin_of(name_en: str, name_zh: str) -> bool:
    """True for ("Li Hai", 李海): a bare name pair is a byline, not a headline."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name_zh)) == re.sub(r"[^a-z]", "", name_en.lower())


def _kind(zh: str, en: str) -> str:
    """The kind of a paragraph and its translation ("" if none): byline, headline or body."""
    if (
        en
        and _BYLINE_EN_RE.match(en)
        and len(en.split()) <= _BYLINE_EN_WORDS
        and _ends_open(en, ".!?")
    ) or _BYLINE_ZH_RE.match(zh):
        return "byline"
    if (
        en
        and 2 <= len(zh) <= 4
        and _NAME_EN_RE.match(en)
        and all(HAN_RE.match(ch) for ch in zh)
        and _is_pinyin_of(en, zh)
    ):
        return "byline"
    short = len(zh) <= _HEADLINE_ZH and (not en or len(en.split()) <= _HEADLINE_EN)
    if short and _ends_open(zh, _ZH_STOPS) and (not en or _ends_open(en, _EN_STOPS)):
        return "headline"
    return "body"


# ---------------------------------------------------------------------------------------
# Pairing interleaved paragraphs
# ---------------------------------------------------------------------------------------

# English characters per Chinese character in a translation, in log: 1.33 over the seed's
# 14 paragraph pairs; 1.24-1.40 over MAC-Dev's 1-1 links at every length, with a standard
# deviation of 0.46 under 20 characters, 0.31 at 20-40 and 0.25-0.28 beyond: hence a spread
# of 0.25 plus a share that shrinks with the square root of the length.
_LOG_RATIO = 1.3
_LOG_SPREAD = 0.25
_LOG_SPREAD_SHORT = 0.7
# Below this length plausibility two paragraphs are not a translation pair (2.8 spreads
# from the expected ratio: under 1 % of MAC-Dev's links lie further out).
_MIN_PLAUSIBLE = 0.02


def _plausibility(zh: str, en: str) -> float:
    """How well the lengths fit a translation, 0..1."""
    spread = _LOG_SPREAD + _LOG_SPREAD_SHORT / math.sqrt(len(zh))
    deviation = math.log(len(en) / len(zh)) - _LOG_RATIO
    return math.exp(-(deviation**2) / (2 * spread**2))


def _pair_units(units: Sequence[_Unit]) -> list[tuple[_Unit, _Unit | None]]:
    """Pair adjacent Chinese and English units, the English before or after its Chinese.

    For each order a dynamic programme picks the pairs that maximise count plus length
    plausibility; the better order wins. Chinese units left alone get None; English ones
    left alone (site furniture, untranslated notes) are dropped.
    """
    n = len(units)
    best_pairs: list[tuple[int, int]] = []
    best_total = -1.0
    for first in ("en", "zh"):
        score = [0.0] * (n + 2)
        take = [False] * (n + 1)
        for i in range(n - 2, -1, -1):
            score[i] = score[i + 1]
            a, b = units[i], units[i + 1]
            if a.lang == first and b.lang != first:
                zh, en = (b, a) if first == "en" else (a, b)
                p = _plausibility(zh.text, en.text)
                if p >= _MIN_PLAUSIBLE and 1 + p + score[i + 2] > score[i]:
                    score[i], take[i] = 1 + p + score[i + 2], True
        pairs, i = [], 0
        while i < n - 1:
            if take[i]:
                pairs.append((i, i + 1))
                i += 2
            else:
                i += 1
        if score[0] > best_total:
            best_total, best_pairs = score[0], pairs
    partner = {a: b for a, b in best_pairs} | {b: a for a, b in best_pairs}
    out: list[tuple[_Unit, _Unit | None]] = []
    for i, unit in enumerate(units):
        if unit.lang == "zh":
            out.append((unit, units[partner[i]] if i in partner else None))
    return out


def _paragraph(zh: str, en: str, index: int) -> Paragraph:
    return Paragraph(zh=zh, en=en, kind=_kind(zh, en), index=index)


def _no_paragraphs(path: Path) -> InputError:
    return InputError(
        f"file {path} has no Chinese paragraphs besides metadata (source, editor, dates): "
        "give the article's text"
    )


def read_document(path: Path, en_path: Path | None = None, encoding: str | None = None) -> Document:
    """Read a Chinese or bilingual source (and optionally its English translation file).

    Paragraph indices count every non-empty block of the Chinese file, metadata included.
    With ``en_path`` and equal paragraph counts the paragraphs pair one to one; otherwise
    :func:`flashgen.align.pairs.align_paragraphs` aligns them. ``encoding`` applies to ``path``;
    the translation file's encoding is detected.
    """
    path = Path(path)
    units = _units(read_text(path, encoding))
    if en_path is None:
        paragraphs = [
            _paragraph(zh.text, en.text if en else "", zh.index) for zh, en in _pair_units(units)
        ]
    else:
        en_path = Path(en_path)
        zh_units = [u for u in units if u.lang == "zh"]
        en_units = [u for u in _units(read_text(en_path, require_chinese=False)) if u.lang == "en"]
        if not en_units:
            raise InputError(f"file {en_path} contains no English text: give the translation")
        paragraphs = _pair_files(zh_units, en_units)
    if not paragraphs:
        raise _no_paragraphs(path)
    return Document(name=path.stem, path=str(path), paragraphs=tuple(paragraphs))


def _pair_files(zh: Sequence[_Unit], en: Sequence[_Unit]) -> list[Paragraph]:
    """Paragraphs of a Chinese file and its translation file, aligned."""
    if len(zh) == len(en):
        beads = [([i], [i]) for i in range(len(zh))]
    else:
        try:
            from flashgen.align.pairs import align_paragraphs
        except ImportError:
            beads = [(list(range(len(zh))), list(range(len(en))))]
        else:
            beads = align_paragraphs([u.text for u in zh], [u.text for u in en])
    return [
        _paragraph(
            "".join(zh[i].text for i in zi), " ".join(en[j].text for j in ei), zh[zi[0]].index
        )
        for zi, ei in beads
        if zi
    ]


# ---------------------------------------------------------------------------------------
# Subtitles
# ---------------------------------------------------------------------------------------

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[,.](\d{1,3}))?"
_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_SUB_TAG_RE = re.compile(r"<[^>]*>|\{\\[^}]*\}")
# Two cues belong together when they overlap by at least this share of the shorter one;
# timings that merely touch (a few hundredths of a second) do not link neighbours.
_MIN_OVERLAP = 0.3


@dataclass(frozen=True)
class Cue:
    """One subtitle: start and end in seconds, its text, its position in the file."""

    start: float
    end: float
    text: str
    index: int


def _seconds(h: str | None, m: str, s: str, ms: str | None) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int((ms or "0").ljust(3, "0")) / 1000


def parse_srt(text: str) -> list[Cue]:
    """Cues of an SRT (or WebVTT) text; indices optional, formatting tags removed."""
    cues: list[tuple[float, float, list[str]]] = []
    previous = ""
    for line in text.split("\n"):
        timing = _TIMING_RE.match(line)
        if timing:
            if cues and cues[-1][2] and previous.strip().isdigit():
                cues[-1][2].pop()  # the next cue's index, not text
            g = timing.groups()
            cues.append((_seconds(*g[:4]), _seconds(*g[4:]), []))
        elif cues and line.strip():
            cues[-1][2].append(html.unescape(_SUB_TAG_RE.sub("", line)).strip())
        previous = line
    out = [(s, e, collapse("\n".join(t))) for s, e, t in cues]
    return [Cue(s, max(s, e), t, i) for i, (s, e, t) in enumerate(c for c in out if c[2])]


def _read_cues(path: Path, require_chinese: bool) -> list[Cue]:
    path = Path(path)
    cues = parse_srt(_read_plain(path, None))
    if not cues:
        raise InputError(
            f"file {path} is not an SRT subtitle file (no timing lines like "
            "'00:00:01,000 --> 00:00:02,500'): give an .srt or .vtt file"
        )
    if require_chinese and not any(HAN_RE.search(c.text) for c in cues):
        raise InputError(
            f"file {path} contains no Chinese text; flashgen needs Chinese subtitles "
            "as the first file"
        )
    return cues


def group_cues(zh: Sequence[Cue], en: Sequence[Cue]) -> list[tuple[list[Cue], list[Cue]]]:
    """Groups of Chinese and English cues linked by overlapping times (a Chinese cue may span
    several English ones and the reverse), in time order. English cues overlapping no
    Chinese cue are left out."""
    en_sorted = sorted(en, key=lambda c: c.start)
    starts = [c.start for c in en_sorted]
    longest = max((c.end - c.start for c in en_sorted), default=0.0)
    parent = list(range(len(zh) + len(en_sorted)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, z in enumerate(zh):
        lo = bisect.bisect_left(starts, z.start - longest)
        hi = bisect.bisect_left(starts, z.end)
        for j in range(lo, hi):
            e = en_sorted[j]
            overlap = min(z.end, e.end) - max(z.start, e.start)
            if overlap > 0 and overlap >= _MIN_OVERLAP * min(z.end - z.start, e.end - e.start):
                parent[find(len(zh) + j)] = find(i)
    groups: dict[int, tuple[list[Cue], list[Cue]]] = {}
    for i, z in enumerate(zh):
        groups.setdefault(find(i), ([], []))[0].append(z)
    for j, e in enumerate(en_sorted):
        root = find(len(zh) + j)
        if root in groups:
            groups[root][1].append(e)
    return sorted(groups.values(), key=lambda g: min(c.start for c in g[0]))


def read_subtitles(zh_srt: Path, en_srt: Path) -> Document:
    """A Document from a Chinese and an English subtitle file, cues matched by time.

    Each group of overlapping cues becomes a Paragraph; its index is the position of its
    first Chinese cue.
    """
    zh_srt = Path(zh_srt)
    zh_cues = _read_cues(zh_srt, require_chinese=True)
    en_cues = _read_cues(Path(en_srt), require_chinese=False)
    paragraphs = []
    for zs, es in group_cues(zh_cues, en_cues):
        zs.sort(key=lambda c: c.start)
        zh_text = " ".join(c.text for c in zs)
        paragraphs.append(Paragraph(zh=zh_text, en=" ".join(c.text for c in es), index=zs[0].index))
    return Document(name=zh_srt.stem, path=str(zh_srt), paragraphs=tuple(paragraphs))
