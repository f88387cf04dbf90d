"""Input errors with Dutch messages, shared by the CLI, the apps and the book."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input. ``message`` is one Dutch sentence fit for a reader.

    ``field`` names the offending parameter (a key of ``data/parameters.csv``
    or a model argument), so an app can show the message next to that field.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
