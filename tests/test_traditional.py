"""Script conversion: the merged s2tw dictionary converts exactly as OpenCC's own config."""

from __future__ import annotations

import itertools
from pathlib import Path

import opencc
import pytest

from flashgen.lexicon.cedict import cedict
from flashgen.lexicon.traditional import converter, merged_s2tw, to_simplified, to_traditional


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("核心技术", "核心技術"),  # core technology: 核 stays 核 (plain s2t gives 覈)
        ("头发和发展", "頭髮和發展"),  # hair and development: 发 two ways
        ("里面的东西", "裡面的東西"),  # the things inside: Taiwan's 裡
        ("GDP增长了3%。", "GDP增長了3%。"),  # GDP grew 3%
        ("", ""),
    ],
)
def test_to_traditional(simplified: str, traditional: str) -> None:
    assert to_traditional(simplified) == traditional
    assert to_simplified(traditional) == simplified


def test_merged_dictionary_converts_as_opencc() -> None:
    config = merged_s2tw()
    if config is None:
        pytest.skip("this OpenCC build has no opencc_dict tool or another s2tw config")
    assert Path(converter().config).name == config.name  # the merged config is in use
    reference = opencc.OpenCC("s2tw")
    words = list(itertools.islice(cedict().words(), 0, None, 7))
    for start in range(0, len(words), 50):
        text = "".join(words[start : start + 50])  # run together: phrases meet across words
        assert converter().convert(text) == reference.convert(text)
