"""Errors that end a command with one clear line instead of a traceback."""

from __future__ import annotations


class BoardgraphError(Exception):
    """A user-facing failure: the message is one line naming what and why."""
