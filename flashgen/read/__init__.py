"""Reading sources: decoding, markup, paragraphs, pairing Chinese with English, subtitles."""
