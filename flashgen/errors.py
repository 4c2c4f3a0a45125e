"""Errors a user can act on.

Every message names what was wrong (quoting the value or the file) and what to do about
it. The CLI prints ``str(error)`` as one line on stderr and exits with ``exit_code``.
"""

from __future__ import annotations


class FlashgenError(Exception):
    """Base of all errors flashgen reports to users; exit code 1 (internal failure)."""

    exit_code = 1


class InputError(FlashgenError):
    """Bad input or usage: a missing, unreadable or unusable source, a bad option (exit 2)."""

    exit_code = 2


class OutputError(FlashgenError):
    """The deck or export could not be written (exit 1); an existing file is left as it was."""

    exit_code = 1
