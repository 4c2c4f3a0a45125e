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

from _shared import (
    SEED,
    SHARED,
    flashgen_tsv,
    gloss_contains,
    read_gold,
    read_list,
    read_tsv,
    require_shared,
)

GOLD = SHARED / "gold"


def main() -> None:
    require_shared()
    gold = read_gold(GOLD / "seed-terms.tsv")
    acceptable = read_list(GOLD / "seed-terms-acceptable.txt")
    top = [row["term"] for row in flashgen_tsv("terms", str(SEED), "--top", "100")]
    everything = flashgen_tsv("terms", str(SEED), "--top", "5000")
    listed = {row["term"]: row["gloss"] for row in everything}
    for tier in ("compound", "word"):
        terms = [g for g in gold if g.tier == tier]
        found = sum(g.term in top for g in terms)
        glossed = sum(gloss_contains(listed.get(g.term, ""), g) for g in terms)
        print(f"{tier:<9} recall@100 {found / len(terms):.3f} ({found}/{len(terms)})"
              f"   gloss match {glossed / len(terms):.3f} ({glossed}/{len(terms)})")
    known = {g.term for g in gold} | acceptable
    junk = [t for t in top[:60] if t not in known]
    print(f"junk in top 60 {len(junk) / 60:.3f}: {' '.join(junk)}")

    beads = {(int(b["para"]), b["zh"], b["en"]) for b in read_tsv(GOLD / "seed-alignment.tsv")}
    pairs = {(int(p["para"]), p["zh"], p["en"]) for p in flashgen_tsv("pairs", str(SEED))}
    right = len(beads & pairs)
    precision, recall = right / len(pairs), right / len(beads)
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    print(f"pairs strict F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}; "
          f"{right} of {len(beads)} gold beads)")


if __name__ == "__main__":
    main()
