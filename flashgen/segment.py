"""jieba segmentation, built lazily and once.

jieba takes about 0.8 s to build its prefix dictionary, so nothing here touches it until
the first call; ``flashgen --help`` never pays for it.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba

from flashgen.records import Token


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer, initialised on first use, with its log chatter silenced."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def words(text: str) -> list[str]:
    """Segment ``text`` into words (jieba's precise mode, HMM on for unknown words)."""
    return tokenizer().lcut(text)


def cut(text: str) -> list[Token]:
    """Segment ``text`` into tokens that carry their character offset."""
    tokens: list[Token] = []
    start = 0
    for word in tokenizer().cut(text):
        tokens.append(Token(word=word, start=start))
        start += len(word)
    return tokens
