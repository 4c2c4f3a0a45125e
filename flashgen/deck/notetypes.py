"""The two Anki note types flashgen writes: Vocabulary and Sentence.

Anki identifies a note type by its ID, so the IDs below are constants: they were drawn once
with ``random.randrange(1 << 30, 1 << 31)`` (genanki's advice) and must never change, or a
rebuilt deck would bring a second, unrelated copy of each note type into a learner's
collection. Field names follow the Chinese Support add-on where they overlap (Hanzi, Pinyin,
English, Sound, Traditional, Classifier), so existing templates and add-ons keep working.

Optional cards. A note type's card list is fixed, so the cards a study set may switch off are
*conditional*: their front is wrapped in ``{{#Gate}}...{{/Gate}}`` and Anki (and genanki)
create the card only when that gating field is non-empty:

=============  ================  =========================================================
card           gating field      content of the gate
=============  ================  =========================================================
Recall         ``RecallCard``    "1" when English -> Hanzi cards are wanted (the default)
                                 and the gloss may prompt one (``notes.recallable``)
Cloze          ``Cloze``         the example sentence with the term blanked out
Production     ``ProductionCard``  "1" when English -> Chinese sentence cards are wanted
=============  ================  =========================================================

Recognition (Vocabulary) and Reading (Sentence) are always generated. ``Reading`` holds
the characters with their pinyin in Anki's furigana syntax (`` 汉[hàn] 字[zì]``): the cards
that ask for characters show it as ruby on their answer side. Adding a field to a
note type later means learners must import with "Merge note types" (Anki's
``merge_notetypes``); append new fields at the end, each with an id of its own (below).
"""

from __future__ import annotations

import genanki

#: Fixed once, see the module docstring; never change.
VOCAB_MODEL_ID = 2142349788
#: Fixed once, see the module docstring; never change.
SENTENCE_MODEL_ID = 2034157356

# Field and card-template ids, the key Anki (2.1.67 and later) merges note types by: with
# them, a rebuilt deck whose note type gained or renamed a field merges into the learner's
# note type ("Merge note types" on import) instead of leaving the old field beside the new.
# Drawn once (the first 63 bits of SHA-256 of "flashgen-field:vocab:Hanzi" and so on) and
# written out: never change one, not even when its field is renamed; a new field gets a
# new id, and goes at the end.
VOCAB_FIELD_IDS: dict[str, int] = {
    "Hanzi": 5602481093692392506,
    "Traditional": 6924582854651698562,
    "Pinyin": 4339584387098171151,
    "English": 5449673988502599515,
    "Classifier": 3771483805863265976,
    "Sentence": 330500987559386024,
    "SentencePinyin": 3607798135978865939,
    "SentenceEnglish": 6633018798863111619,
    "Source": 1080212970733153660,
    "Sound": 6061304687543550024,
    "Reading": 1549707567732704480,
    "PinyinNumbered": 9080060052492948701,
    "GlossSource": 7318842559017235754,
    "Breakdown": 6576345332283430239,
    "FullEntry": 2347026659722826305,
    "HSK": 3094208554379283099,
    "Kind": 2247191933317518869,
    "RecallCard": 5640984716614858251,
    "Cloze": 5420329205242659179,
    # the example sentence read aloud (added with ids: merges into older decks)
    "SentenceSound": 3157882430939244460,
}
VOCAB_TEMPLATE_IDS: dict[str, int] = {
    "Recognition": 6163496960794879077,
    "Recall": 8835100091474342480,
    "Cloze": 2881229858491042374,
}
SENTENCE_FIELD_IDS: dict[str, int] = {
    "Chinese": 5745461725476509859,
    "Pinyin": 822026849312539836,
    "English": 4102805754995283881,
    "Words": 626073003466932642,
    "Source": 7363428523580228378,
    "Reading": 4745867489090872141,
    "Traditional": 1443487282584759400,
    "Sound": 3427812193426419107,
    "ProductionCard": 7141060860179026962,
}
SENTENCE_TEMPLATE_IDS: dict[str, int] = {
    "Reading": 2543640251926760692,
    "Production": 1670119534636918945,
}

VOCAB_FIELDS: tuple[str, ...] = tuple(VOCAB_FIELD_IDS)
SENTENCE_FIELDS: tuple[str, ...] = tuple(SENTENCE_FIELD_IDS)


def _fields(ids: dict[str, int]) -> list[dict[str, object]]:
    """genanki field dicts with their ids (genanki passes extra keys through to Anki)."""
    return [{"name": name, "id": field_id} for name, field_id in ids.items()]


def _templates(ids: dict[str, int], templates: list[dict[str, str]]) -> list[dict[str, object]]:
    """genanki template dicts with their ids."""
    return [{**template, "id": ids[template["name"]]} for template in templates]


# Tone colours: the Chinese Support add-on's class names and day colours; the night colours
# are lighter shades of the same hues, picked to stay readable on Anki's dark grey (#2f2f31).
CSS = """\
.card {
  font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: center;
  color: #1d1d1f;
  background-color: #fdfdfd;
  padding: 0 0.5em;
}
.card.nightMode, .night_mode .card { color: #e8e8e8; background-color: #2f2f31; }
.hanzi, .chinese, .term-hanzi {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif;
}
.hanzi { font-size: 64px; line-height: 1.25; }
.chinese { font-size: 30px; }
.traditional { font-size: 28px; color: #6e6e73; }
.pinyin { font-size: 26px; }
.english { font-size: 22px; }
.prompt { font-size: 26px; }
.meta, .source, .gloss-source, .breakdown, .full-entry { font-size: 15px; color: #6e6e73; }
.nightMode .traditional, .night_mode .traditional,
.nightMode .meta, .night_mode .meta, .nightMode .source, .night_mode .source,
.nightMode .gloss-source, .night_mode .gloss-source,
.nightMode .breakdown, .night_mode .breakdown,
.nightMode .full-entry, .night_mode .full-entry { color: #a1a1a6; }
.example { margin-top: 0.8em; }
.example .chinese { font-size: 24px; }
.example .pinyin, .example .english { font-size: 17px; }
b.term { color: #b5179e; }
.nightMode b.term, .night_mode b.term { color: #f28fe0; }
.blank { color: #b5179e; font-weight: bold; }
.nightMode .blank, .night_mode .blank { color: #f28fe0; }
.words { text-align: left; display: inline-block; font-size: 17px; }
.tone1 { color: #e30000; }
.tone2 { color: #d98a00; }
.tone3 { color: #008a00; }
.tone4 { color: #0048d9; }
.tone5 { color: #6e6e73; }
.nightMode .tone1, .night_mode .tone1 { color: #ff7a7a; }
.nightMode .tone2, .night_mode .tone2 { color: #ffc14d; }
.nightMode .tone3, .night_mode .tone3 { color: #6fdc6f; }
.nightMode .tone4, .night_mode .tone4 { color: #7fb0ff; }
.nightMode .tone5, .night_mode .tone5 { color: #b0b0b5; }
@media (max-width: 480px) {
  .hanzi { font-size: 48px; }
  .chinese { font-size: 24px; }
  .pinyin { font-size: 20px; }
}
"""

# The back of every card: the front, Anki's answer marker, then the details.
_ANSWER = '{{FrontSide}}\n<hr id="answer">\n'

_VOCAB_DETAILS = """\
<div class="pinyin">{{Pinyin}} {{Sound}}</div>
<div class="english">{{English}}</div>
{{#Classifier}}<div class="meta">classifier: {{Classifier}}</div>{{/Classifier}}
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
{{#Sentence}}<div class="example">
<div class="chinese">{{Sentence}}</div>
<div class="pinyin">{{SentencePinyin}}</div>
<div class="english">{{SentenceEnglish}}</div>
{{SentenceSound}}</div>{{/Sentence}}
{{#Breakdown}}<div class="breakdown">{{Breakdown}}</div>{{/Breakdown}}
{{#GlossSource}}<div class="gloss-source">gloss: {{GlossSource}}</div>{{/GlossSource}}
<div class="meta">{{#HSK}}HSK {{HSK}} · {{/HSK}}{{Kind}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""

VOCAB_MODEL = genanki.Model(
    VOCAB_MODEL_ID,
    "flashgen Vocabulary",
    fields=_fields(VOCAB_FIELD_IDS),
    templates=_templates(VOCAB_TEMPLATE_IDS, [
        {
            "name": "Recognition",
            "qfmt": '<div class="hanzi">{{Hanzi}}</div>',
            "afmt": _ANSWER + _VOCAB_DETAILS,
        },
        {
            "name": "Recall",
            "qfmt": '{{#RecallCard}}<div class="prompt">{{English}}</div>'
            '{{#Classifier}}<div class="meta">classifier: {{Classifier}}</div>{{/Classifier}}'
            "{{/RecallCard}}",
            "afmt": _ANSWER + '<div class="hanzi">{{furigana:Reading}}</div>\n' + _VOCAB_DETAILS,
        },
        {
            "name": "Cloze",
            "qfmt": '{{#Cloze}}<div class="chinese">{{Cloze}}</div>'
            '<div class="english">{{SentenceEnglish}}</div>{{/Cloze}}',
            "afmt": _ANSWER + '<div class="hanzi">{{furigana:Reading}}</div>\n' + _VOCAB_DETAILS,
        },
    ]),
    css=CSS,
)

_SENTENCE_DETAILS = """\
<div class="pinyin">{{Pinyin}}</div>
<div class="english">{{English}}</div>
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
{{#Words}}<div class="example"><div class="words">{{Words}}</div></div>{{/Words}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
{{Sound}}"""

SENTENCE_MODEL = genanki.Model(
    SENTENCE_MODEL_ID,
    "flashgen Sentence",
    fields=_fields(SENTENCE_FIELD_IDS),
    templates=_templates(SENTENCE_TEMPLATE_IDS, [
        {
            "name": "Reading",
            "qfmt": '<div class="chinese">{{Chinese}}</div>',
            "afmt": _ANSWER + _SENTENCE_DETAILS,
        },
        {
            "name": "Production",
            "qfmt": '{{#ProductionCard}}<div class="prompt">{{English}}</div>{{/ProductionCard}}',
            "afmt": _ANSWER
            + '<div class="chinese">{{furigana:Reading}}</div>\n'
            + _SENTENCE_DETAILS,
        },
    ]),
    css=CSS,
)
