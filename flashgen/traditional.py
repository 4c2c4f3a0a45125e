"""Simplified -> Traditional conversion for the Traditional field (OpenCC, loaded lazily).

We use OpenCC's ``s2tw`` profile: plain ``s2t`` picks archaic forms for some characters
(核 becomes 覈), which a learner should never see on a card.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    """Traditional (Taiwan standard) form of ``text``; non-Chinese characters are unchanged."""
    return _converter().convert(text)
