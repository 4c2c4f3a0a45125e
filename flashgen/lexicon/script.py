"""Which script a text is written in: Han characters, Japanese kana or Korean hangul.

Japanese shares most of its Han characters with Chinese, so a Japanese article would be
read as Chinese and given Mandarin readings; its kana give it away. :data:`HAN` is the one
range of Han characters for the project (CJK Unified Ideographs with extensions A-G, the
compatibility blocks, and 〇).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flashgen.errors import InputError

#: Han characters, simplified and traditional alike, as a character-class body.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Hiragana, katakana (with the phonetic extensions and half-width forms); not the
#: prolonged-sound mark's neighbours that Chinese text uses (・ is punctuation to both).
KANA = "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
#: Hangul syllables and jamo.
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"

_HAN_TEXT = re.compile(f"[{HAN}]+")


def is_han(text: str) -> bool:
    """Whether ``text`` is Han characters and nothing else (not empty)."""
    return _HAN_TEXT.fullmatch(text) is not None


def is_han_char(char: str) -> bool:
    """Whether ``char`` (one character) is in :data:`HAN`, by comparisons: segmentation asks
    it of every token of a corpus, and the common block is tried first."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or char == "\u3007"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0003134f"
    )


_RUNS = {name: re.compile(f"[{chars}]+") for name, chars in
         (("han", HAN), ("kana", KANA), ("hangul", HANGUL))}

#: A text is Japanese (Korean) when kana (hangul) make up this share of its Han, kana and
#: hangul characters. Japanese prose runs 45-70 % kana; a Chinese sentence quoting a Japanese
#: title reaches about 20 %.
FOREIGN_SHARE = 0.35


@dataclass(frozen=True)
class Scripts:
    """How many Han, kana and hangul characters a text holds."""

    han: int
    kana: int
    hangul: int

    @property
    def total(self) -> int:
        return self.han + self.kana + self.hangul

    def share(self, script: str) -> float:
        """The share of ``script`` ("han", "kana" or "hangul") among the three; 0 if none."""
        return getattr(self, script) / self.total if self.total else 0.0


def scripts(text: str) -> Scripts:
    """Count the Han, kana and hangul characters of ``text``."""
    counts = {name: sum(map(len, run.findall(text))) for name, run in _RUNS.items()}
    return Scripts(**counts)


def check_chinese(text: str, where: str) -> None:
    """Refuse a text that is mostly Japanese or Korean, in one line naming ``where``."""
    found = scripts(text)
    for script, language in (("kana", "Japanese"), ("hangul", "Korean")):
        if found.share(script) >= FOREIGN_SHARE:
            raise InputError(
                f"{where} looks like {language} ({found.share(script):.0%} {script}), not "
                "Chinese: flashgen reads Chinese only and would give it Mandarin readings"
            )
