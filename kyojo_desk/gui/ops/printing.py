"""Making printable PDFs in the background (on the database thread, which reads the data)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.ops.base import Operation
from kyojo_desk.texts import N_


def _target(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix="kyojo-print-")) / f"{prefix}.pdf"


def make_cards(*, parent: QWidget, recent_days: int | None, by: str = "") -> Operation[Path]:
    """Member cards for everyone, or for residents registered in the last `recent_days` days."""
    from kyojo_desk.printing.cards import render_cards

    def work(store) -> Path:
        residents = store.list_residents()
        if recent_days is not None:
            since = (dt.datetime.now().astimezone() - dt.timedelta(days=recent_days)).isoformat()
            residents = [r for r in residents if r.created_at >= since]
        if not residents:
            from kyojo_desk.errors import KyojoError

            raise KyojoError(N_("印刷する方がいません。"))
        path = _target(QCoreApplication.translate("printing", "会員カード"))
        render_cards(store, residents, path)
        store.record_audit(
            "printed_cards",
            target_table="residents",
            detail=f"{len(residents)}人",
            desk_user=by,
        )
        return path

    return Operation(parent=parent, work=work, changes=("audit_log",))


def make_signin(
    *, parent: QWidget, event_id: str, blank_rows: int, by: str = "", day: str | None = None
) -> Operation[Path]:
    """The sign-in sheet of an event (of one `day` of a multi-day event)."""
    from kyojo_desk.printing.signin import render_signin

    def work(store) -> Path:
        path = _target(QCoreApplication.translate("printing", "受付表"))
        render_signin(store, event_id, path, blank_rows=blank_rows, day=day)
        store.record_audit("printed_sheet", target_table="events", target_id=event_id, desk_user=by)
        return path

    return Operation(parent=parent, work=work, changes=("audit_log",))


def make_report(*, parent: QWidget, month: str) -> Operation[Path]:
    from kyojo_desk.printing.report import render_report

    def work(store) -> Path:
        path = _target(
            QCoreApplication.translate("printing", "月次報告_{month}").format(month=month)
        )
        render_report(store, month, path)
        return path

    return Operation(parent=parent, work=work)


def make_yearly_report(*, parent: QWidget, fiscal_year: int) -> Operation[Path]:
    from kyojo_desk.printing.yearly_report import render_yearly_report

    def work(store) -> Path:
        path = _target(
            QCoreApplication.translate("printing", "年度報告_{year}年度").format(year=fiscal_year)
        )
        render_yearly_report(store, fiscal_year, path)
        return path

    return Operation(parent=parent, work=work)


def make_calibration(*, parent: QWidget) -> Operation[Path]:
    from kyojo_desk.printing.cards import render_calibration

    def work(store) -> Path:
        path = _target(QCoreApplication.translate("printing", "カードの位置あわせ"))
        render_calibration(store, path)
        return path

    return Operation(parent=parent, work=work)


def list_booklets() -> list[tuple[Path, str]]:
    """The booklet sources shipped in printables/ (Markdown files) with their titles."""
    from kyojo_desk.paths import printables_dir
    from kyojo_desk.printing.booklet import booklet_title

    directory = printables_dir()
    sources = sorted(directory.glob("*.md")) if directory.is_dir() else []
    return [(source, booklet_title(source)) for source in sources]


def make_booklet(
    *, parent: QWidget, source: Path, furigana: bool, imposed: bool
) -> Operation[Path]:
    """An A5 booklet from `source`; imposed two-up on A4 for double-sided printing and folding.
    No data is read: it is made in the pool, beside the database thread."""
    from kyojo_desk.printing.booklet import BookletOptions, impose, render_booklet

    def work() -> Path:
        path = _target(
            source.stem + (QCoreApplication.translate("printing", "_A4両面") if imposed else "")
        )
        options = BookletOptions(furigana=furigana)
        if imposed:
            pages = path.with_name("pages.pdf")
            render_booklet(source, pages, options)
            impose(pages, path)
        else:
            render_booklet(source, path, options)
        return path

    return Operation(parent=parent, work=work, in_pool=True)


def list_events(*, parent: QWidget) -> Operation:
    return Operation(parent=parent, work=lambda store: store.list_events(limit=50))
