"""The seed's figures exactly as a user gets them: from the output of the flashgen commands.

Run: ``python benchmarks/cli_scorecard.py``. It runs ``flashgen terms`` and ``flashgen
pairs`` in fresh processes on the seed article and scores their TSV against the gold in
``../shared/gold/``:

- term recall of the compound and word tiers within ``flashgen terms --top 100``, and the
  share of its top 60 in neither the gold nor the acceptable list (a rough junk rate);
- gloss match: the share of gold terms whose gloss in ``flashgen terms --format tsv``
  (every term it lists) contains one of the ``gloss_any`` alternatives;
- strict F1 of ``flashgen pairs --format tsv`` against the gold beads (a bead is right
  when its paragraph, Chinese and English are all equal).
"""

from __future__ import annotations

import csv
import subprocess
import sys

from _shared import SEED, SHARED, require_shared

GOLD = SHARED / "gold"


def tsv(*args: str) -> list[dict[str, str]]:
    """Rows of a flashgen command's TSV output."""
    done = subprocess.run(
        [sys.executable, "-m", "flashgen", *args, "--format", "tsv"],
        capture_output=True, text=True, check=True,
    )
    return list(csv.DictReader(done.stdout.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def read_gold(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    require_shared()
    gold = read_gold("seed-terms.tsv")
    acceptable = {
        line.strip()
        for line in (GOLD / "seed-terms-acceptable.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    top = [row["term"] for row in tsv("terms", str(SEED), "--top", "100")]
    listed = {row["term"]: row["gloss"].lower() for row in tsv("terms", str(SEED), "--top", "5000")}
    for tier in ("compound", "word"):
        terms = [g for g in gold if g["tier"] == tier]
        found = sum(g["term"] in top for g in terms)
        glossed = sum(
            any(alt.lower() in listed.get(g["term"], "") for alt in g["gloss_any"].split("|"))
            for g in terms
        )
        print(f"{tier:<9} recall@100 {found / len(terms):.3f} ({found}/{len(terms)})"
              f"   gloss match {glossed / len(terms):.3f} ({glossed}/{len(terms)})")
    known = {g["term"] for g in gold} | acceptable
    junk = [t for t in top[:60] if t not in known]
    print(f"junk in top 60 {len(junk) / 60:.3f}: {' '.join(junk)}")

    beads = {(int(b["para"]), b["zh"], b["en"]) for b in read_gold("seed-alignment.tsv")}
    pairs = {(int(p["para"]), p["zh"], p["en"]) for p in tsv("pairs", str(SEED))}
    right = len(beads & pairs)
    precision, recall = right / len(pairs), right / len(beads)
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    print(f"pairs strict F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}; "
          f"{right} of {len(beads)} gold beads)")


if __name__ == "__main__":
    main()
