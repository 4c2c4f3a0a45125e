"""Markup to prose: the visible text of HTML pages and Markdown documents.

Block elements, headings and list items become paragraphs of their own (one blank line
between them); scripts, styles, links' addresses, code fences and front matter go.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from flashgen.read.language import unwrap

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|h[1-6]|article)\b", re.I)


class _HTMLText(HTMLParser):
    """Text of an HTML page with block elements as paragraph breaks."""

    _BLOCK = frozenset(
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table section article header footer "
        "blockquote pre hr figure figcaption main aside nav form".split()
    )
    _SKIP = frozenset("script style noscript template head svg iframe select textarea".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Source line breaks inside an element are not paragraph breaks.
            self.parts.append(unwrap(data))


def html_to_text(source: str) -> str:
    """Visible text of an HTML document, one blank line between block elements."""
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(parser.parts))


_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(?:https?://|mailto:)[^>]*>"), ""),  # autolinks
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__|~~)(.+?)\1"), r"\2"),  # strong, strike-through
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)_(?![\w_])"), r"\1"),  # _em_
)
_MD_DROP_RE = re.compile(
    r"^\s*(?:(?:[-*_]\s*){3,}|=+|-+|\|?[\s:|-]*-[\s:|-]*\|?|\[[^\]]+\]:\s*\S+.*)$"
)
_MD_BLOCK_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+)")


def markdown_to_text(source: str) -> str:
    """Prose of a Markdown document: markers, links, code and front matter removed;
    headings and list items become paragraphs of their own."""
    lines = source.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    out: list[str] = []
    fenced = False
    for line in lines:
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if _MD_DROP_RE.match(line) and line.strip():
            out.append("")
            continue
        block = _MD_BLOCK_RE.match(line)
        if block:
            line = line[block.end() :].rstrip().rstrip("#").rstrip()
            out.append("")
        line = re.sub(r"^\s*(?:>\s?)+", "", line).replace("|", " ")
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        out.append(html.unescape(line))
        if block:
            out.append("")
    return "\n".join(out)


def strip_markup(text: str, path: Path) -> str:
    """The prose of a Markdown file (by its suffix) or an HTML page (by its suffix, or by
    its tags when it has at least two of them and a closing one); other text unchanged."""
    suffix = path.suffix.lower()
    if suffix in _MD_SUFFIXES:
        return markdown_to_text(text)
    head = text[:4096]
    if suffix in _HTML_SUFFIXES or (
        len(_HTML_SNIFF_RE.findall(head)) >= 2 and re.search(r"</(?:p|div|body|html)>", text, re.I)
    ):
        return html_to_text(text)
    return text
