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
