"""flashgen: Chinese and bilingual Chinese/English texts into Anki decks.

The pipeline, one module per stage::

    sources -> sentences -> align -> segment -> terms -> pinyin/dictionary/gloss
            -> notetypes/notes -> package

``flashgen.pipeline`` runs the stages in order; ``flashgen.cli`` is a thin layer over it.
"""

__version__ = "0.1.0"
