"""The GUI's language: Japanese as written, or a translation from resources/i18n/*.qm.

The language is a per-desk setting (`display/language`), read once when the window is built, so
changing it takes effect at the next start. `KYOJO_LANG` overrides it (demos and tests).
Texts made by the domain layer (labels, error messages; see kyojo_desk.texts) are translated for
display by `shown()`.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from kyojo_desk.paths import resources_dir
from kyojo_desk.texts import DOMAIN_CONTEXT, Message

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "ja"
# Each language offered, named in its own language (a person who cannot read the current one
# must still find theirs).
LANGUAGES = {"ja": "日本語", "en": "English"}
SETTING = "display/language"

_installed: list[QTranslator] = []


def translations_dir():
    return resources_dir() / "i18n"


def configured_language(settings: QSettings) -> str:
    """The language this desk shows: KYOJO_LANG, else the setting, else Japanese."""
    wanted = os.environ.get("KYOJO_LANG") or str(settings.value(SETTING, SOURCE_LANGUAGE))
    return wanted if wanted in LANGUAGES else SOURCE_LANGUAGE


def install_language(language: str) -> bool:
    """Make `language` the one every tr() answers in; False when its translation is missing.

    Japanese needs no translation of ours, but Qt's own texts (standard buttons, the colour and
    file dialogs) come in Japanese from Qt's catalogue when it is there.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a running QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ok = True
    if language != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        ok = ours.load(str(translations_dir() / f"kyojo_desk_{language}.qm"))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("no translation for language %s; showing Japanese", language)
    qt_own = QTranslator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_translations):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    QLocale.setDefault(QLocale(language))
    return ok


def shown(text: Any) -> str:
    """A domain text (marked with N_ or made by message()) as it should be shown now.

    A Message's template is translated and then filled; its values are translated too when they
    are marked texts themselves (「名前なしの方」 inside 「取り消しました：…」), while names and
    numbers pass through unchanged because no catalogue holds them.
    """
    if text is None:
        return ""
    if isinstance(text, Message):
        values = {
            key: shown(value) if isinstance(value, str) else value
            for key, value in text.values.items()
        }
        return QCoreApplication.translate(DOMAIN_CONTEXT, text.template).format(**values)
    return QCoreApplication.translate(DOMAIN_CONTEXT, str(text))


# The eras in the Latin alphabet, for dates shown to a reader of English.
ERA_NAMES_IN_ENGLISH = {
    "明治": "Meiji",
    "大正": "Taishō",
    "昭和": "Shōwa",
    "平成": "Heisei",
    "令和": "Reiwa",
}


def shown_date(day: Any, *, with_western_year: bool = True) -> str:
    """A (birth) date as this language shows it: 昭和23年3月2日（1948年） in Japanese,
    "2 Mar 1948 (Shōwa 23)" in English. Empty for no date."""
    from kyojo_desk.text.wareki import era_of, format_both, format_wareki

    if day is None:
        return ""
    if QLocale().language() != QLocale.Language.English:
        return format_both(day) if with_western_year else format_wareki(day)
    era = era_of(day)
    year = day.year - era.first_day.year + 1
    return f"{day.day} {day.strftime('%b')} {day.year} ({ERA_NAMES_IN_ENGLISH[era.name]} {year})"


def shown_day(day: Any) -> str:
    """A day (not a birth date) as this language shows it: 2026年12月8日（火） or "Tue 8 Dec 2026"."""
    from kyojo_desk.text.dates import format_day

    if day is None:
        return ""
    if QLocale().language() != QLocale.Language.English:
        return format_day(day)
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')} {day.year}"
