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
Cloze          ``Cloze``         the example sentence with the term blanked out
Production     ``ProductionCard``  "1" when English -> Chinese sentence cards are wanted
=============  ================  =========================================================

Recognition (Vocabulary) and Reading (Sentence) are always generated. ``Reading`` holds
the characters with their pinyin in Anki's furigana syntax (`` 汉[hàn] 字[zì]``): the cards
that ask for characters show it as ruby on their answer side. Adding a field to a
note type later means learners must import with "merge note types" (Anki's
``merge_notetypes``); append new fields at the end when that happens.
"""

from __future__ import annotations

import genanki

#: Fixed once, see the module docstring; never change.
VOCAB_MODEL_ID = 2142349788
#: Fixed once, see the module docstring; never change.
SENTENCE_MODEL_ID = 2034157356

VOCAB_FIELDS: tuple[str, ...] = (
    "Hanzi",
    "Traditional",
    "Pinyin",
    "English",
    "Classifier",
    "Sentence",
    "SentencePinyin",
    "SentenceEnglish",
    "Source",
    "Sound",
    "Reading",
    "PinyinNumbered",
    "GlossSource",
    "Breakdown",
    "FullEntry",
    "HSK",
    "Kind",
    "RecallCard",
    "Cloze",
)

SENTENCE_FIELDS: tuple[str, ...] = (
    "Chinese",
    "Pinyin",
    "English",
    "Words",
    "Source",
    "Reading",
    "Traditional",
    "Sound",
    "ProductionCard",
)

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
<div class="pinyin">{{Pinyin}}</div>
<div class="english">{{English}}</div>
{{#Classifier}}<div class="meta">classifier: {{Classifier}}</div>{{/Classifier}}
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
{{#Sentence}}<div class="example">
<div class="chinese">{{Sentence}}</div>
<div class="pinyin">{{SentencePinyin}}</div>
<div class="english">{{SentenceEnglish}}</div>
</div>{{/Sentence}}
{{#Breakdown}}<div class="breakdown">{{Breakdown}}</div>{{/Breakdown}}
{{#GlossSource}}<div class="gloss-source">gloss: {{GlossSource}}</div>{{/GlossSource}}
<div class="meta">{{#HSK}}HSK {{HSK}} · {{/HSK}}{{Kind}}</div>
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
{{Sound}}"""

VOCAB_MODEL = genanki.Model(
    VOCAB_MODEL_ID,
    "flashgen Vocabulary",
    fields=[{"name": name} for name in VOCAB_FIELDS],
    templates=[
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
    ],
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
    fields=[{"name": name} for name in SENTENCE_FIELDS],
    templates=[
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
    ],
    css=CSS,
)
