"""Records -> genanki notes, with stable GUIDs and escaped fields.

A note's GUID comes only from what identifies it: a word and its numbered reading, or a
Chinese sentence. Glosses, examples and tags can change between builds and the rebuilt deck
still updates the same notes in Anki instead of adding duplicates.

Every value that came from a source text is passed through :func:`shown`: a source holding
``<script>`` or ``onerror=`` shows as text on the card, and so do Anki's own syntax
(``[sound:x.mp3]``, ``[latex]``) and MathJax's delimiters (``\\(`` ``\\[``). The only markup
in a field is ours (tone spans, the highlighted term, line breaks).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import genanki

from flashgen.deck.notetypes import SENTENCE_FIELDS, SENTENCE_MODEL, VOCAB_FIELDS, VOCAB_MODEL
from flashgen.lexicon.script import HAN
from flashgen.pinyin.reading import numbers_to_marks, tone_of
from flashgen.records import AnnotatedTerm, Gloss, SentencePair

#: MathJax's delimiters as Anki configures them; each is wrapped in an element of the class
#: MathJax skips, which also splits the text MathJax searches, so no formula can start.
_MATHJAX = re.compile(r"\\[()\[\]]")
_ANKI_SYNTAX = re.compile(f"{_MATHJAX.pattern}|\\[")
_MATHJAX_IGNORED = '<span class="mathjax_ignore">{}</span>'

_HAN = re.compile(f"[{HAN}]")

#: How each gloss origin is named on the card (Gloss.origin -> words a learner understands).
GLOSS_ORIGINS = {
    "parallel": "the article's English",
    "dictionary": "CC-CEDICT",
    "compositional": "built from its parts",
    "none": "",
}


def shown(text: str, *, furigana: bool = False) -> str:
    """``text`` escaped to show as itself on a card: HTML, Anki's ``[...]`` tags and MathJax.

    ``furigana`` keeps brackets for text in Anki's ``base[reading]`` syntax.
    """
    return inert(html.escape(text), furigana=furigana)


def inert(markup: str, *, furigana: bool = False) -> str:
    """HTML made from a source with Anki's syntax in its text neutralised.

    Anki finds ``[sound:...]``, ``[anki:tts]`` and ``[latex]`` in the field's HTML: an
    escaped bracket (``&#91;``) still shows as "[" but starts no tag. MathJax delimiters are
    wrapped in an element MathJax skips. ``furigana`` keeps brackets (they are ours there).
    """
    if furigana:
        return _MATHJAX.sub(lambda m: _MATHJAX_IGNORED.format(m.group()), markup)
    return _ANKI_SYNTAX.sub(_neutral, markup)


def _neutral(match: re.Match[str]) -> str:
    found = match.group().replace("[", "&#91;")
    return found if found == "&#91;" else _MATHJAX_IGNORED.format(found)


def vocab_guid(hanzi: str, reading: str) -> str:
    """The GUID of a vocabulary note: its word and numbered reading, nothing else."""
    return genanki.guid_for("flashgen-vocab", hanzi, " ".join(reading.lower().split()))


def sentence_guid(chinese: str) -> str:
    """The GUID of a sentence note: its Chinese text."""
    return genanki.guid_for("flashgen-sentence", chinese)


def tag(value: str) -> str:
    """An Anki tag from a name: Anki separates tags by spaces, so they become underscores."""
    return "_".join(value.split())


def hsk_label(level: int | None) -> str:
    """HSK 3.0 level as shown: levels 7, 8 and 9 only exist as one band, "7-9"."""
    if level is None:
        return ""
    return "7-9" if level >= 7 else str(level)


def tone_colored(marked: str, numbered: Sequence[str]) -> str:
    """Escaped ``marked`` pinyin with each syllable in a ``toneN`` span.

    ``marked`` keeps its own spacing ("jūnshì" or "jūn shì"); ``numbered`` gives the
    syllables in order ("jun1", "shi4"). When a syllable cannot be found in ``marked`` the
    pinyin is returned escaped but uncoloured, rather than coloured wrongly.
    """
    out: list[str] = []
    pos = 0
    lowered = marked.lower()
    for syllable in numbered:
        syllable_marked = numbers_to_marks(syllable).lower()
        found = lowered.find(syllable_marked, pos) if syllable_marked else -1
        if found < 0 or lowered[pos:found].strip(" '-·"):
            return shown(marked)
        end = found + len(syllable_marked)
        out.append(shown(marked[pos:found]))
        out.append(f'<span class="tone{tone_of(syllable)}">{shown(marked[found:end])}</span>')
        pos = end
    out.append(shown(marked[pos:]))
    return "".join(out)


def term_ruby(term: str, numbered: Sequence[str]) -> str:
    """``term`` in Anki's furigana syntax (``汉[hàn]字[zì]``) from its contextual reading.

    ``numbered`` holds the readings of the term's Han characters in order ("han4", "zi4");
    ``flashgen.pinyin.reading.ruby`` reads a text afresh, which could give a polyphone of the term
    another reading than the one on the card. Each annotated character after the first is
    preceded by a space (Anki's rule for where a base text starts). When the readings do
    not fit the characters, the whole term carries its whole reading.
    """
    text = term.replace("[", "［").replace("]", "］")
    han = [i for i, char in enumerate(text) if _HAN.match(char)]
    if len(han) != len(numbered):
        return f"{shown(text)}[{shown(numbers_to_marks(' '.join(numbered)))}]"
    reading = dict(zip(han, numbered, strict=True))
    parts = [
        f" {shown(char)}[{shown(numbers_to_marks(reading[i]))}]"
        if i in reading
        else shown(char)
        for i, char in enumerate(text)
    ]
    return "".join(parts).lstrip()


def highlight(sentence: str, term: str) -> str:
    """Escaped ``sentence`` with every occurrence of ``term`` in ``<b class="term">``."""
    if not term:
        return shown(sentence)
    marked = f'<b class="term">{shown(term)}</b>'
    return marked.join(shown(part) for part in sentence.split(term))


def blanked(sentence: str, term: str) -> str:
    """Escaped ``sentence`` with ``term`` replaced by a visible blank (the Cloze card)."""
    return '<span class="blank">[…]</span>'.join(shown(p) for p in sentence.split(term))


def _tags(*groups: Iterable[str]) -> list[str]:
    """Tags from several groups, as Anki tags, without blanks or repeats, in order."""
    seen: dict[str, None] = {}
    for group in groups:
        for value in group:
            if value.strip():
                seen.setdefault(tag(value), None)
    return list(seen)


def _fields(names: Sequence[str], values: dict[str, str]) -> list[str]:
    """Field values in the note type's order; a misspelt name fails here, not in Anki."""
    unknown = set(values) - set(names)
    if unknown:
        raise KeyError(f"not fields of the note type: {sorted(unknown)}")
    return [values.get(name, "") for name in names]


def recallable(gloss: Gloss) -> bool:
    """Whether an English -> Hanzi card may prompt with this gloss: not when it is empty or
    built from the parts' senses, a hint ("complete a contract forehead") that names no
    word, so asking for the Chinese of it teaches nonsense (#15); the Recognition card
    still shows it, labelled as built from its parts."""
    return bool(gloss.text) and gloss.origin != "compositional"


def vocab_note(
    t: AnnotatedTerm,
    *,
    example_pinyin_html: str | None = None,
    recall: bool = True,
    cloze: bool = False,
    sound: str = "",
    sentence_sound: str = "",
    source: str | None = None,
    tags: Iterable[str] = (),
) -> genanki.Note:
    """The Vocabulary note of one annotated term.

    ``example_pinyin_html`` is the example's pinyin already coloured and escaped (as
    ``flashgen.pinyin.reading.colour_html`` makes it); without it ``t.example_pinyin`` is shown
    plain. ``recall`` and ``cloze`` switch the optional cards on (Recall only where the gloss
    is :func:`recallable`); ``sound`` and
    ``sentence_sound`` (the example's) are ready ``[sound:file.mp3]`` references.
    ``source`` is what the Source field says (the texts' titles); by default the names of
    the term's sources, which are its tags either way.
    """
    hanzi = t.term.text
    numbered = t.pinyin_numbered.split()
    example = t.term.example
    sources = t.term.sources or ((example.source,) if example and example.source else ())
    gloss = t.gloss
    origin = GLOSS_ORIGINS.get(gloss.origin, gloss.origin)
    alternatives = "; ".join(
        f"{GLOSS_ORIGINS.get(o) or o}: {text}" for o, text in gloss.alternatives if text
    )
    values = {
        "Hanzi": shown(hanzi),
        "Traditional": shown(t.traditional) if t.traditional != hanzi else "",
        "Pinyin": tone_colored(t.pinyin, numbered),
        "English": shown(gloss.text),
        "Classifier": shown(gloss.classifier),
        "Source": shown(", ".join(sources) if source is None else source),
        "Sound": sound,
        "Reading": term_ruby(hanzi, numbered) if numbered else shown(hanzi),
        "PinyinNumbered": shown(t.pinyin_numbered),
        "GlossSource": shown(" · also ".join(x for x in (origin, alternatives) if x)),
        "Breakdown": shown(gloss.breakdown),
        "FullEntry": shown(gloss.full),
        "HSK": hsk_label(t.hsk),
        "Kind": shown(t.term.kind),
        "RecallCard": "1" if recall and recallable(gloss) else "",
    }
    if example is not None:
        values |= {
            "Sentence": highlight(example.zh, hanzi),
            "SentencePinyin": example_pinyin_html
            if example_pinyin_html is not None
            else shown(t.example_pinyin),
            "SentenceEnglish": shown(example.en),
            "Cloze": blanked(example.zh, hanzi) if cloze and hanzi in example.zh else "",
            "SentenceSound": sentence_sound,
        }
    hsk_tags = (f"HSK{hsk_label(t.hsk)}",) if t.hsk is not None else ()
    return genanki.Note(
        model=VOCAB_MODEL,
        fields=_fields(VOCAB_FIELDS, values),
        tags=_tags(sources, (t.term.kind,), hsk_tags, t.tags, tags),
        guid=vocab_guid(hanzi, t.pinyin_numbered),
    )


def words_field(pair: SentencePair, terms: Iterable[AnnotatedTerm]) -> str:
    """The terms of a sentence with their pinyin and gloss, in the order they occur."""
    found = sorted(
        ((pair.zh.find(t.term.text), i, t) for i, t in enumerate(terms) if t.term.text in pair.zh),
        key=lambda item: item[:2],
    )
    lines = [
        f'<span class="term-hanzi">{shown(t.term.text)}</span> '
        f"{tone_colored(t.pinyin, t.pinyin_numbered.split())} — {shown(t.gloss.text)}"
        for _, _, t in found
    ]
    return "<br>".join(lines)


def sentence_note(
    pair: SentencePair,
    *,
    pinyin_html: str = "",
    reading: str = "",
    traditional: str = "",
    terms: Iterable[AnnotatedTerm] = (),
    production: bool = False,
    sound: str = "",
    source: str | None = None,
    tags: Iterable[str] = (),
) -> genanki.Note:
    """The Sentence note of one aligned pair.

    ``pinyin_html`` is the coloured, escaped pinyin of ``pair.zh`` and ``reading`` its
    escaped furigana form (``flashgen.pinyin.reading.colour_html`` and ``ruby``); ``terms`` the
    vocabulary to list under Words. ``production`` adds the English -> Chinese card when
    the pair has English. ``source`` is what the Source field says (the text's title;
    by default ``pair.source``, its tag either way).
    """
    values = {
        "Chinese": shown(pair.zh),
        "Pinyin": pinyin_html,
        "English": shown(pair.en),
        "Words": words_field(pair, terms),
        "Source": shown(pair.source if source is None else source),
        "Reading": reading or shown(pair.zh),
        "Traditional": shown(traditional) if traditional != pair.zh else "",
        "Sound": sound,
        "ProductionCard": "1" if production and pair.en else "",
    }
    return genanki.Note(
        model=SENTENCE_MODEL,
        fields=_fields(SENTENCE_FIELDS, values),
        tags=_tags((pair.source,), tags),
        guid=sentence_guid(pair.zh),
    )
