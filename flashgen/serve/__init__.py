"""``flashgen serve``: a local page to preview, curate and download decks (a thin layer over
:mod:`flashgen.pipeline`)."""
