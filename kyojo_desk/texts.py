"""Texts the desk shows to people, marked so the GUI can show them in another language.

The domain layer speaks plain Japanese (the CLI and the printed pages use these texts as they
are). The GUI translates them through Qt before showing them:

- `N_(text)` marks a fixed text (a label, a message) and returns it unchanged;
- `message(template, **values)` fills a template with values and keeps both, so a translation of
  the template can be filled with the same values.

`scripts/update_translations.py` collects both kinds into `resources/i18n/*.ts` under the
context `DOMAIN_CONTEXT`; `kyojo_desk.gui.i18n.shown()` translates them for display.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DOMAIN_CONTEXT = "kyojo"


def N_(text: str) -> str:  # noqa: N802 - the usual name of a translation marker
    """Mark `text` for translation; it is returned unchanged."""
    return text


class Message(str):
    """A text made from a template and values; reads as the filled-in Japanese text."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Message:
        text = super().__new__(cls, template.format(**values))
        text.template = template
        text.values = values
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_message, (self.template, self.values))


def _rebuild_message(template: str, values: dict[str, Any]) -> Message:
    return Message(template, **values)


def message(template: str, **values: Any) -> Message:
    """The Japanese text of `template` filled with `values`, translatable as a whole."""
    return Message(template, **values)


def label_or_text(labels: Mapping[str, str], value: str) -> str:
    """The label of a known kind (`labels` keyed by its StrEnum), else the stored text itself:
    a centre may name a kind of its own (an event's kind, an organisation's kind)."""
    return labels.get(value, value)
