"""The serve page's web app (being written; see issue #20)."""

from __future__ import annotations


def serve(host: str, port: int, open_browser: bool) -> None:
    """Serve the page on ``host:port`` until interrupted; open it in a browser if asked."""
    raise NotImplementedError("flashgen serve is being written (#20)")
