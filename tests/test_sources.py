"""Reading sources: encodings, markup, paragraphs, metadata, pairing, subtitles, errors."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashgen.align.pairs import pair_document
from flashgen.errors import InputError
from flashgen.read.language import language
from flashgen.read.metadata import is_date_line, kind
from flashgen.read.paragraphs import split_paragraphs
from flashgen.read.sources import read_document, read_text
from flashgen.read.subtitles import group_cues, parse_srt, read_subtitles

# Our own short news story, English paragraph before its Chinese translation.
HEADLINE = (
    "Riverside town opens its first solar farm",
    "河畔小镇建成首座太阳能电站",  # Riverside town builds its first solar power station
)
BYLINE = ("By Wang Fang", "王芳")  # the reporter's name
BODY = (
    (
        "The farm, built on a former landfill, will supply power to about three thousand "
        "homes from next spring.",
        # The station is built on an old landfill and will power about 3,000 homes from
        # next spring.
        "这座电站建在一处旧垃圾填埋场上，明年春天起将为约三千户家庭供电。",
    ),
    (
        "Local officials said the project cost 12 million yuan and took two years to build.",
        # Local officials said the project cost 12 million yuan and took two years.
        "当地官员表示，该项目耗资1200万元，历时两年建成。",
    ),
)
SUBHEAD = ("Farmers share the income", "农户分享收益")  # Farmers share the income
LAST = (
    "Villagers who rent out their land will receive a share of the electricity sales.",
    # Villagers who rent out land will get a share of electricity sales.
    "出租土地的村民将获得售电收入的分成。",
)
METADATA = "Source\nRiverside Daily\nEditor\nZhao Lei\nTime\n2025-03-02 10:15:00"
FOOTER = (
    "Related Articles",
    "Copyright © 2025 Riverside Daily. All rights reserved.",
    "责任编辑：李明",  # Editor in charge: Li Ming
    "https://example.com/news/123",
    "back",
)
PAIRS = (HEADLINE, BYLINE, *BODY, SUBHEAD, LAST)


def bilingual(en_first: bool = True) -> str:
    """The story with metadata after the headline and site furniture at the end."""
    blocks: list[str] = []
    for n, (en, zh) in enumerate(PAIRS):
        blocks += [en, zh] if en_first else [zh, en]
        if n == 0:
            blocks.append(METADATA)
    return "\n\n".join([*blocks, *FOOTER]) + "\n"


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


# ----------------------------------------------------------------------------- encodings

# This morning the city government announced a new public transport plan.
ZH_TEXT = "今天早上，市政府宣布了新的公共交通计划。"
TW_TEXT = "這是一個繁體中文的句子，用來測試。"  # This is a Traditional Chinese test sentence.


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ZH_TEXT, "utf-8"),
        (ZH_TEXT, "utf-8-sig"),
        (ZH_TEXT + "\nThe city has a plan.", "utf-16"),  # with BOM
        (ZH_TEXT + "\nThe city has a plan.", "utf-16-le"),  # no BOM
        (ZH_TEXT + "\n", "utf-16-be"),
        (ZH_TEXT, "gbk"),
        (ZH_TEXT, "gb18030"),
        ("中文测试", "gbk"),  # "Chinese test": short GBK that detectors take for Korean
        ("我们的天气", "gbk"),  # "our weather"
        (TW_TEXT, "big5"),
        ("臺灣經濟", "big5"),  # "Taiwan's economy"
    ],
)
def test_encodings_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = write(tmp_path, "in.txt", text.encode(encoding))
    assert read_text(path) == text


def test_encoding_override(tmp_path: Path) -> None:
    path = write(tmp_path, "in.txt", TW_TEXT.encode("big5"))
    assert read_text(path, encoding="big5") == TW_TEXT


def test_line_endings_nuls_and_bad_bytes(tmp_path: Path) -> None:
    # "first paragraph." CRLF, blank line, "second paragraph." CR, with a NUL and bad bytes
    data = "第一段。\r\n\r\n第二\x00段。\r".encode() + b"\xff\xfe\x80" + "完了。".encode()
    text = read_text(write(tmp_path, "mixed.txt", data))
    assert "\r" not in text and "\x00" not in text and "\ufffd" not in text
    assert split_paragraphs(text) == ["第一段。", "第二段。完了。"]  # hard wrap joined


# ----------------------------------------------------------------------------- markup


def test_html_reduced_to_paragraphs(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>标题</title><style>p {color: red}</style>
    </head><body><h1>城市新闻</h1><script>var s = "脚本";</script>
    <p>今天早上，市政府&nbsp;宣布了
    新的计划&amp;方案。</p><p>The city &lt;announced&gt; a plan.</p></body></html>"""
    # City news / This morning the city announced a new plan & scheme.
    text = read_text(write(tmp_path, "page.html", page))
    assert split_paragraphs(text) == [
        "城市新闻",
        "今天早上，市政府 宣布了新的计划&方案。",
        "The city <announced> a plan.",
    ]


def test_html_recognised_by_content(tmp_path: Path) -> None:
    # "First paragraph." / "Second paragraph." in a .txt that is really HTML
    text = read_text(write(tmp_path, "page.txt", "<p>第一段文字。</p>\n<p>第二段文字。</p>"))
    assert split_paragraphs(text) == ["第一段文字。", "第二段文字。"]


def test_markdown_reduced_to_text(tmp_path: Path) -> None:
    source = """---
title: 新闻
---
# 城市新闻

今天早上，**市政府**宣布了[新的计划](https://example.com)。![图](a.png)

- 第一项
- 第二项 `代码`

```
print("不要")
```
> 引用的文字。
"""
    # City news / The city announced a new plan / item one / item two / quoted text
    text = read_text(write(tmp_path, "note.md", source))
    assert split_paragraphs(text) == [
        "城市新闻",
        "今天早上，市政府宣布了新的计划。",
        "第一项",
        "第二项 代码",
        "引用的文字。",
    ]


# ----------------------------------------------------------------------------- paragraphs


def test_split_paragraphs_blank_lines_and_whitespace() -> None:
    text = "  A  first\n block \n\n\n中文\n段落\n \t\nlast\u00a0"
    # 中文段落 = "Chinese paragraph", hard-wrapped: joined without a space
    assert split_paragraphs(text) == ["A first block", "中文段落", "last"]


def test_split_paragraphs_one_per_line() -> None:
    # Three Chinese paragraphs, one per line, no blank lines: "one.", "two.", "three."
    assert split_paragraphs("\n第一段。\n第二段。\n第三段。\n\n") == [
        "第一段。",
        "第二段。",
        "第三段。",
    ]


def test_split_paragraphs_indented() -> None:
    # Novel-style paragraphs marked by full-width indentation, a blank line between chapters
    text = "第一章\n\n\u3000\u3000他走了。\n\u3000\u3000她来了。\n\n第二章"
    assert split_paragraphs(text) == ["第一章", "他走了。", "她来了。", "第二章"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("河畔小镇建成首座太阳能电站", "zh"),
        (TW_TEXT, "zh"),  # traditional characters count as Chinese
        ("欧盟与东盟（ASEAN）对话会议", "zh"),  # a dialogue meeting, with a Latin acronym
        ("The term 海水淡化 means seawater desalination in English texts.", "en"),
        ("2025-03-02 10:15", "other"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert language(text) == lang


# ----------------------------------------------------------------------------- pairing


@pytest.mark.parametrize("en_first", [True, False])
def test_interleaved_pairs_either_order(tmp_path: Path, en_first: bool) -> None:
    doc = read_document(write(tmp_path, "riverside.txt", bilingual(en_first)))
    assert doc.name == "riverside"
    assert [(p.en, p.zh) for p in doc.paragraphs] == list(PAIRS)
    assert [p.kind for p in doc.paragraphs] == [
        "headline",
        "byline",
        "body",
        "body",
        "headline",
        "body",
    ]
    # indices count every block: headline pair, metadata block, then two per pair
    first = 1 if en_first else 0
    assert [p.index for p in doc.paragraphs] == [
        first,
        first + 3,
        first + 5,
        first + 7,
        first + 9,
        first + 11,
    ]
    text = " ".join(p.zh + " " + p.en for p in doc.paragraphs)
    for boiler in (*METADATA.split("\n"), *FOOTER):
        assert boiler not in text


def test_pairs_on_consecutive_lines(tmp_path: Path) -> None:
    """Each block holds a paragraph and its translation on two lines."""
    text = "\n\n".join(f"{zh}\n{en}" for en, zh in BODY)
    doc = read_document(write(tmp_path, "lines.txt", text))
    assert [(p.en, p.zh) for p in doc.paragraphs] == list(BODY)


def test_chinese_alone(tmp_path: Path) -> None:
    text = "\n\n".join(zh for _, zh in PAIRS)
    doc = read_document(write(tmp_path, "zh.txt", text))
    assert [p.zh for p in doc.paragraphs] == [zh for _, zh in PAIRS]
    assert not doc.has_translation
    assert doc.paragraphs[0].kind == "headline"


@pytest.mark.parametrize(
    "line",
    [
        "2024年08月06日 10:30  来源：河畔日报 | 编辑：张三",  # date, source, editor
        "责任编辑 张三",  # editor in charge: Zhang San
        "（责任编辑：李明）",
        "时间 2024-01-01",  # time
        "Updated: 2024-08-06 21:47",
        "Aug 6, 2024 9:30 PM",
        "Photo: Riverside Daily",
        "【打印】【关闭】",  # [print] [close]
        "（完）",  # (end)
        "分享到：",  # share to:
        "Back to top",
        "www.example.com/news",
    ],
)
def test_boilerplate_lines_dropped(tmp_path: Path, line: str) -> None:
    doc = read_document(write(tmp_path, "b.txt", f"{BODY[0][1]}\n\n{line}\n\n{BODY[1][1]}"))
    assert [p.zh for p in doc.paragraphs] == [BODY[0][1], BODY[1][1]]


@pytest.mark.parametrize(
    "line",
    [
        "编辑 张三说这个事情很重要。",  # Editor Zhang San says this matters a lot.
        "时间就是金钱。",  # Time is money.
    ],
)
def test_prose_that_resembles_metadata_kept(tmp_path: Path, line: str) -> None:
    doc = read_document(write(tmp_path, "k.txt", f"{BODY[0][1]}\n\n{line}"))
    assert [p.zh for p in doc.paragraphs] == [BODY[0][1], line]


def test_paragraph_per_line_inside_blocks(tmp_path: Path) -> None:
    """Articles separated by blank lines, each line of an article a paragraph."""
    article = "\n".join([HEADLINE[1], BODY[0][1], BODY[1][1]])
    doc = read_document(write(tmp_path, "digest.txt", f"{article}\n\n{article}\n"))
    assert [(p.index, p.zh, p.kind) for p in doc.paragraphs] == [
        (i, zh, kind)
        for i in (0, 1)
        for zh, kind in [(HEADLINE[1], "headline"), (BODY[0][1], "body"), (BODY[1][1], "body")]
    ]


def test_bare_name_byline_and_reporter_line(tmp_path: Path) -> None:
    # "Wang Fang" without "By" is still a byline when it is the name's pinyin;
    # 记者 赵磊 = "reporter Zhao Lei"
    text = "\n\n".join(["Wang Fang", "王芳", "记者 赵磊", BODY[0][0], BODY[0][1]])
    doc = read_document(write(tmp_path, "by.txt", text))
    assert [(p.zh, p.en, p.kind) for p in doc.paragraphs] == [
        ("王芳", "Wang Fang", "byline"),
        ("记者 赵磊", "", "byline"),
        (BODY[0][1], BODY[0][0], "body"),
    ]


def test_untranslated_english_not_paired(tmp_path: Path) -> None:
    # A Chinese article with an English slogan between two paragraphs: far too short to
    # translate either neighbour.
    quote = "Power to the villages"
    text = "\n\n".join([BODY[0][1], quote, BODY[1][1]])
    doc = read_document(write(tmp_path, "quote.txt", text))
    assert [p.en for p in doc.paragraphs] == ["", ""]


# ----------------------------------------------------------------------------- dates, credits (#15)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2025年3月2日", True),
        ("March 2, 2025", True),
        ("2 March 2025, 10:15", True),
        ("（2025年3月2日 10:15）", True),
        ("Updated: March 2, 2025", False),  # a labelled date stamp is metadata
        ("2025-03-02", False),  # digits alone: no language to pair it by
        ("2025年3月2日，河畔小镇的电站开工。", False),  # a sentence that starts with a date
    ],
)
def test_date_lines(line: str, date: bool) -> None:
    assert is_date_line(line) is date


def test_a_date_and_its_translation_are_a_pair(tmp_path: Path) -> None:
    date = ("March 2, 2025", "2025年3月2日")
    blocks = [HEADLINE[0], HEADLINE[1], date[0], date[1], BODY[0][0], BODY[0][1]]
    doc = read_document(write(tmp_path, "dated.txt", "\n\n".join(blocks)))
    assert [(p.en, p.zh, p.kind) for p in doc.paragraphs] == [
        (*HEADLINE, "headline"),
        (*date, "body"),
        (*BODY[0], "body"),
    ]
    pairs = [(p.zh, p.en) for p in pair_document(doc)]
    assert (date[1], date[0]) in pairs


def test_a_date_line_alone_is_the_pages(tmp_path: Path) -> None:
    # A Chinese page's date, then its text in the same block: the date goes, and the
    # paragraph after it stays whole.
    text = f"{HEADLINE[1]}\n2025年3月2日\n{BODY[0][1]}\n{BODY[1][1]}"
    doc = read_document(write(tmp_path, "page.txt", text))
    assert [p.zh for p in doc.paragraphs] == [HEADLINE[1], BODY[0][1], BODY[1][1]]


def test_a_date_does_not_pair_with_prose(tmp_path: Path) -> None:
    text = "\n\n".join(["March 2, 2025", BODY[0][1], BODY[0][0]])
    doc = read_document(write(tmp_path, "d.txt", text))
    assert [(p.zh, p.en) for p in doc.paragraphs] == [(BODY[0][1], BODY[0][0])]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("王芳", "By Wang Fang"),
        ("记者 赵磊", ""),  # reporter Zhao Lei
        ("本报记者 赵磊 孙强", ""),  # our reporters Zhao Lei, Sun Qiang
        ("译者/李明", ""),  # translator: Li Ming
        ("文/李明 图/孙强", ""),  # text: Li Ming, picture: Sun Qiang
        ("（孙强 摄）", ""),  # (photo by Sun Qiang)
        ("记者 赵磊 补充报道", "Additional reporting by Zhao Lei in Riverside"),
        ("孙强 摄", "Photo by Sun Qiang."),
        ("河畔日报", "(Reporting by Zhao Lei; Editing by Li Ming and Sun Qiang)"),
        ("赵磊", "By Zhao Lei, Riverside Daily."),
    ],
)
def test_bylines_and_credit_lines(zh: str, en: str) -> None:
    assert kind(zh, en) == "byline"


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # By 2030 the town will have three solar farms.
        ("到2030年，小镇将建成三座太阳能电站。", "By 2030, the town will have three solar farms."),
        # The report was written by local students.
        ("报告由当地学生撰写。", "Written by local students, the report runs to forty pages."),
        ("记者来到河畔小镇", "Reporters come to Riverside"),  # a headline
        # Edited by Li Ming, the guide came out in May.
        ("这本指南由李明编辑，于五月出版。", "Edited by Li Ming, the guide came out in May."),
    ],
)
def test_prose_about_reporters_is_no_byline(zh: str, en: str) -> None:
    assert kind(zh, en) != "byline"


def test_bylines_are_aligned_but_not_studied(tmp_path: Path) -> None:
    from flashgen.pipeline import read_corpus
    from flashgen.study.recipe import recipe_from_options

    credit = ("Additional reporting by Zhao Lei", "记者 赵磊 补充报道")
    path = write(tmp_path, "riverside.txt", bilingual() + "\n\n".join(credit))
    doc = read_document(path)
    bylines = {p.index for p in doc.paragraphs if p.kind == "byline"}
    assert len(bylines) == 2  # the reporter's name and the credit line
    pairs = pair_document(doc)
    assert {p.paragraph for p in pairs if p.byline} == bylines
    corpus = read_corpus(recipe_from_options([path]).sources)
    assert corpus.pairs and not any(p.byline for p in corpus.pairs)
    assert not any(name in p.zh for p in corpus.pairs for name in (BYLINE[1], "赵磊"))
    assert len(corpus.aligned) == len(corpus.pairs) + 2


def test_traditional_big5_document(tmp_path: Path) -> None:
    # The station is built on an old landfill and will power about 3,000 homes next spring.
    zh = "這座電站建在一處舊垃圾填埋場上，明年春天起將為約三千戶家庭供電。"
    path = write(tmp_path, "tw.txt", f"{BODY[0][0]}\n\n{zh}\n".encode("big5"))
    doc = read_document(path)
    assert [(p.zh, p.en) for p in doc.paragraphs] == [(zh, BODY[0][0])]


def test_translation_file_same_count(tmp_path: Path) -> None:
    zh = write(
        tmp_path, "story.zh.txt", "\n\n".join([PAIRS[0][1], METADATA, *(z for _, z in PAIRS[1:])])
    )
    en = write(tmp_path, "story.en.txt", "\n\n".join(e for e, _ in PAIRS).encode("utf-16"))
    doc = read_document(zh, en_path=en)
    assert [(p.en, p.zh) for p in doc.paragraphs] == list(PAIRS)
    assert doc.paragraphs[1].index == 2  # after the metadata block


def test_translation_file_different_count(tmp_path: Path) -> None:
    zh_paras = [z for _, z in PAIRS]
    zh = write(tmp_path, "story.zh.txt", "\n\n".join(zh_paras))
    en = write(tmp_path, "story.en.txt", "\n\n".join(e for e, _ in PAIRS if e != BYLINE[0]))
    doc = read_document(zh, en_path=en)
    assert "".join(p.zh for p in doc.paragraphs) == "".join(zh_paras)
    assert all(p.en for p in doc.paragraphs if p.zh != BYLINE[1])


# ----------------------------------------------------------------------------- the seed


def test_seed_pairs_as_gold(seed: Path, shared: Path) -> None:
    with open(shared / "gold" / "seed-alignment.tsv", encoding="utf-8", newline="") as f:
        beads = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    gold: dict[int, tuple[list[str], list[str]]] = {}
    for bead in beads:
        zh, en = gold.setdefault(int(bead["para"]), ([], []))
        zh.append(bead["zh"])
        en.append(bead["en"])
    doc = read_document(seed)
    assert [p.index for p in doc.paragraphs] == sorted(gold)
    for p in doc.paragraphs:
        zh, en = gold[p.index]
        assert (p.zh, p.en) == ("".join(zh), " ".join(e for e in en if e))
    kinds = {p.index: p.kind for p in doc.paragraphs}
    assert [i for i, k in kinds.items() if k == "headline"] == [1, 8, 14, 22]
    assert [i for i, k in kinds.items() if k == "byline"] == [4]
    boilerplate = (shared / "gold" / "seed-boilerplate.txt").read_text(encoding="utf-8")
    text = "\n".join(f"{p.zh}\n{p.en}" for p in doc.paragraphs)
    for line in filter(None, (x.strip() for x in boilerplate.splitlines())):
        assert not re.search(rf"(?<!\w){re.escape(line)}(?!\w)", text), line


# ----------------------------------------------------------------------------- subtitles

ZH_SRT = (
    "\ufeff1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>今天天气很好，</i>\r\n我们去公园吧。\r\n\r\n"
    # "The weather is nice today, let's go to the park." (one cue, two English ones)
    "00:00:05.000 --> 00:00:06,000\r\n你好。\r\n\r\n"  # "Hello." (no index, VTT-style ms)
    "3\r\n00:00:06,000 --> 00:00:07,500\r\n再见。\r\n\r\n"  # "Goodbye."
    "4\r\n00:00:10,000 --> 00:00:11,000\r\n没有翻译。\r\n"  # "No translation."
)
EN_SRT = (
    "1\n00:00:01,100 --> 00:00:02,400\nThe weather is nice today,\n\n"
    "2\n00:00:02,500 --> 00:00:03,900\nlet's go to the park.\n\n"
    "3\n00:00:05,000 --> 00:00:07,400\n{\\an8}Hello. Goodbye.\n\n"
    "4\n00:00:20,000 --> 00:00:21,000\nUnmatched line.\n"
)


def test_parse_srt_tolerates_bom_crlf_missing_index_and_tags() -> None:
    cues = parse_srt(ZH_SRT.replace("\r\n", "\n").lstrip("\ufeff"))
    assert [c.text for c in cues] == [
        "今天天气很好，我们去公园吧。",
        "你好。",
        "再见。",
        "没有翻译。",
    ]
    assert (cues[1].start, cues[1].end) == (5.0, 6.0)


def test_read_subtitles_groups_by_overlap(tmp_path: Path) -> None:
    zh = write(tmp_path, "film.zh.srt", ZH_SRT)
    en = write(tmp_path, "film.en.srt", EN_SRT)
    doc = read_subtitles(zh, en)
    assert doc.name == "film.zh"
    assert [(p.zh, p.en) for p in doc.paragraphs] == [
        ("今天天气很好，我们去公园吧。", "The weather is nice today, let's go to the park."),
        ("你好。 再见。", "Hello. Goodbye."),
        ("没有翻译。", ""),
    ]


def test_group_cues_touching_times_do_not_link() -> None:
    zh = parse_srt("00:00:01,000 --> 00:00:03,000\n一\n\n00:00:03,000 --> 00:00:05,000\n二\n")
    en = parse_srt("00:00:01,000 --> 00:00:03,050\none\n\n00:00:03,050 --> 00:00:05,000\ntwo\n")
    assert [([c.text for c in z], [c.text for c in e]) for z, e in group_cues(zh, en)] == [
        (["一"], ["one"]),
        (["二"], ["two"]),
    ]


def test_not_srt(tmp_path: Path) -> None:
    zh = write(tmp_path, "notes.srt", "这不是字幕文件。\n")  # "This is not a subtitle file."
    en = write(tmp_path, "film.en.srt", EN_SRT)
    with pytest.raises(InputError, match=r"notes\.srt is not an SRT"):
        read_subtitles(zh, en)


# ----------------------------------------------------------------------------- errors


def test_missing_file(tmp_path: Path) -> None:
    # The wording of flashgen.files.inputs, which every input goes through.
    with pytest.raises(InputError, match=r"nothere\.txt not found: check the path"):
        read_document(tmp_path / "nothere.txt")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=r"folder is a folder: give a regular file"):
        read_document(tmp_path / "folder")


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t "])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match=r"empty\.txt is empty"):
        read_document(write(tmp_path, "empty.txt", data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("book.txt", b"PK\x03\x04" + bytes(200)),
        ("noise.txt", bytes((i * 97 + 13) % 256 for i in range(4000))),
        ("random.txt", os.urandom(3000)),
    ],
)
def test_binary_file(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(InputError, match=rf"{re.escape(name)} (is|looks like)"):
        read_document(write(tmp_path, name, data))


def test_no_chinese(tmp_path: Path) -> None:
    path = write(tmp_path, "english.txt", "Only English here.\n\nNothing else.\n")
    with pytest.raises(InputError, match=r"english\.txt contains no Chinese text; flashgen needs"):
        read_document(path)


def test_only_metadata(tmp_path: Path) -> None:
    # 来源：河畔日报 = "Source: Riverside Daily"; 责任编辑：李明 = "Editor: Li Ming"
    path = write(tmp_path, "meta.txt", "来源：河畔日报\n\n责任编辑：李明\n")
    with pytest.raises(InputError, match=r"meta\.txt has no Chinese paragraphs"):
        read_document(path)


def test_wrong_encoding_suggests_another(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", ZH_TEXT.encode("gbk"))
    with pytest.raises(InputError, match=r"old\.txt cannot be decoded as 'utf-8'.*gb18030"):
        read_document(path, encoding="utf-8")


@pytest.mark.parametrize("encoding", ["klingon", "rot13"])
def test_unknown_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "in.txt", ZH_TEXT)
    with pytest.raises(InputError, match=rf"unknown encoding '{encoding}' for file .*in\.txt"):
        read_document(path, encoding=encoding)


def test_translation_file_without_english(tmp_path: Path) -> None:
    zh = write(tmp_path, "a.zh.txt", ZH_TEXT)
    en = write(tmp_path, "a.en.txt", ZH_TEXT)
    with pytest.raises(InputError, match=r"a\.en\.txt contains no English"):
        read_document(zh, en_path=en)


# ----------------------------------------------------------------------------- properties


def _read_or_input_error(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as err:
            assert str(path) in str(err)
        else:
            assert doc.paragraphs and all(p.zh for p in doc.paragraphs)


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = st.sampled_from(["\n", "\n\n", " ", "。", "<p>", "</p>", "Source", "By ", "2024-01-02"])


@_SETTINGS
@given(
    st.lists(st.one_of(st.text(), _PIECES, st.sampled_from([z for _, z in PAIRS]))),
    st.sampled_from(["a.txt", "a.md", "a.html"]),
)
def test_read_document_only_raises_input_error_on_text(parts: list[str], name: str) -> None:
    _read_or_input_error("".join(parts).encode("utf-8", "surrogatepass"), name)


@_SETTINGS
@given(st.lists(st.one_of(st.text(), _PIECES, st.just("00:00:01,000 --> 00:00:02,000\n"))))
def test_read_subtitles_only_raises_input_error(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.srt"
        path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
        try:
            doc = read_subtitles(path, path)
        except InputError as err:
            assert str(path) in str(err)
        else:
            assert all(p.zh for p in doc.paragraphs)


@_SETTINGS
@given(st.binary(max_size=400))
def test_read_document_only_raises_input_error_on_bytes(data: bytes) -> None:
    _read_or_input_error(data, "a.txt")


def test_latin_names_in_brackets_do_not_unpair_a_paragraph(tmp_path: Path) -> None:
    """Names the Chinese gives in Latin letters count on neither side: with three of them a
    paragraph looked too long for its translation and lost it."""
    text = tmp_path / "batteries.txt"
    text.write_text(
        "Battery makers expand\n\n电池企业扩张\n\n"
        "Blue Lake Battery formed a venture with North Ridge Materials in 2031, and Silver "
        "Coast Energy joined it a year later.\n\n"
        "2031年，蓝湖电池(Blue Lake Battery)与北岭材料(North Ridge Materials)组建合资企业，"
        "银岸能源(Silver Coast Energy)一年后加入。\n",
        encoding="utf-8",
    )
    paragraphs = read_document(text).paragraphs
    assert [p.en.split(" ")[0] for p in paragraphs] == ["Battery", "Blue"]
