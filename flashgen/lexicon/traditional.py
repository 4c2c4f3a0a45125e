"""Conversion between the scripts (OpenCC, loaded lazily): simplified <-> traditional.

Cards get a Traditional field through OpenCC's ``s2tw`` profile: plain ``s2t`` picks
archaic forms for some characters (核 becomes 覈), which a learner should never see.
Traditional input is segmented in its simplified form (jieba's dictionary is simplified),
and word lists are matched in both scripts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import opencc

from flashgen.files.appdir import cache_file, stale_versions

#: Bump when the merged dictionary or its config change.
_MERGED_FORMAT = 1


@lru_cache(maxsize=1)
def converter() -> opencc.OpenCC:
    """OpenCC's ``s2tw``, from the merged dictionary when it can be built."""
    config = merged_s2tw()
    if config is not None:
        try:
            return opencc.OpenCC(str(config))
        except RuntimeError:  # a damaged cache: OpenCC's own config still works
            pass
    return opencc.OpenCC("s2tw")


def _share() -> Path:
    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def _dict(path: Path) -> dict[str, str]:
    return {"type": "ocd2", "file": str(path)}


def _group(*dicts: Mapping[str, object], policy: str) -> dict[str, object]:
    return {"type": "group", "match_policy": policy, "dicts": list(dicts)}


def _s2tw_config(share: Path, phrases: Mapping[str, str]) -> dict[str, object]:
    """OpenCC's ``s2tw.json`` with its data files at ``share``, or, given ``phrases`` (the
    merged dictionary), the same conversion through that one dictionary."""
    st_phrases = _group(
        _dict(share / "STPhrases.ocd2"),
        _dict(share / "STPhrases_GeneratedFromRegionalPhrases.ocd2"),
        policy="union",
    )
    first = _group(st_phrases, _dict(share / "STCharacters.ocd2"), policy="short_circuit")
    tw = _group(
        _dict(share / "TWVariantsPhrases.ocd2"), _dict(share / "TWVariants.ocd2"),
        policy="short_circuit",
    )
    return {
        "normalization": [{"dict": _dict(share / "CJK_Compatibility_Ideographs.ocd2")}],
        "segmentation": {"type": "mmseg", "dict": phrases or st_phrases},
        "conversion_chain": [{"dict": phrases or first}, {"dict": tw}],
    }


def merged_s2tw() -> Path | None:
    """A config equivalent to OpenCC's ``s2tw`` whose simplified-to-traditional step is one
    dictionary, kept in the cache dir; None when it cannot be made.

    OpenCC builds its groups of dictionaries (the phrases and the regional phrases taken
    together, then the characters after them) at every start: 0.07-0.12 s of a build. One
    dictionary holding them all loads in 0.02 s and converts the same: phrases have two
    characters or more and the characters one, so the longest match is the group's; both
    phrase lists give the same value to the words they share; and maximum matching over
    phrases and characters cuts a text where matching over the phrases alone does (an
    unmatched stretch is converted character by character either way). Checked on 6 M
    characters (news corpus, CC-CEDICT headwords, random mixtures): no difference.
    Only OpenCC's ``s2tw.json`` as this module knows it is merged.
    """
    share = _share()
    tool = share.parent.parent / "bin" / "opencc_dict"
    try:
        shipped = json.loads((share / "s2tw.json").read_text(encoding="utf-8"))
        folder = cache_file("opencc-s2tw", share / "STPhrases.ocd2", _MERGED_FORMAT).with_suffix("")
    except (OSError, ValueError):
        return None
    shipped.pop("name", None)
    if shipped != _s2tw_config(Path(), {}) or not tool.is_file():
        return None
    config = folder / "s2tw.json"
    if config.is_file():
        return config
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".opencc-", dir=folder.parent))
    except OSError:
        return None
    try:
        if not _build_merged(tool, share, work):
            return None
        body = _s2tw_config(share, _dict(folder / "STMerged.ocd2"))
        (work / "s2tw.json").write_text(json.dumps({"name": "s2tw", **body}), encoding="utf-8")
        for old in stale_versions(folder):
            shutil.rmtree(old, ignore_errors=True)
        work.rename(folder)  # whole or not at all
    except (OSError, subprocess.SubprocessError):
        pass  # no merged dictionary this time, unless another process just made it
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return config if config.is_file() else None


def _build_merged(tool: Path, share: Path, work: Path) -> bool:
    """Write ``STMerged.ocd2`` into ``work``: the phrases, the regional phrases and the
    characters in one dictionary. False when they do not merge as the module explains."""

    def read(name: str) -> dict[str, str]:
        text = work / f"{name}.txt"
        args: list[str | Path] = ["-i", share / f"{name}.ocd2", "-o", text, "-f", "ocd2"]
        args += ["-t", "text"]
        subprocess.run([tool, *args], check=True, capture_output=True, timeout=60)
        lines = text.read_text(encoding="utf-8").splitlines()
        return dict(line.split("\t", 1) for line in lines if "\t" in line)

    phrases = read("STPhrases")
    regional = read("STPhrases_GeneratedFromRegionalPhrases")
    characters = read("STCharacters")
    shared = phrases.keys() & regional.keys()
    if any(phrases[k] != regional[k] for k in shared):
        return False
    if any(len(k) < 2 for k in [*phrases, *regional]) or any(len(k) != 1 for k in characters):
        return False
    merged = characters | regional | phrases
    text = work / "STMerged.txt"
    text.write_text("".join(f"{k}\t{merged[k]}\n" for k in sorted(merged)), encoding="utf-8")
    args: list[str | Path] = ["-i", text, "-o", work / "STMerged.ocd2", "-f", "text", "-t", "ocd2"]
    subprocess.run([tool, *args], check=True, capture_output=True, timeout=60)
    for dump in work.glob("*.txt"):
        dump.unlink()
    return True


def to_traditional(text: str) -> str:
    """Traditional (Taiwan standard) form of ``text``; non-Chinese characters are unchanged."""
    return converter().convert(text)


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (simplified text comes back unchanged)."""
    return _to_simplified().convert(text)


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters CC-CEDICT writes only in traditional headwords (們, 這, 國...): a text that
    has none of them needs no conversion. Cached with the dictionary's other derived data."""
    from flashgen.files.appdir import cached
    from flashgen.lexicon.cedict import data_file, table

    def build() -> str:
        headwords = list(table().headwords())
        simplified = set("".join(simplified for _, simplified in headwords))
        traditional = set("".join(traditional for traditional, _ in headwords))
        return "".join(sorted(traditional - simplified))

    return frozenset(cached("traditional-only", data_file(), 2, build))
