"""「紙の受付表を読み取る」: opens the reading dialog and connects it to its operations. The
reception and print pages open `sheet_scan_dialog` from their button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.dialogs.sheet_scan_dialog import SheetScanDialog
from kyojo_desk.gui.ops import sheet_scan as ops
from kyojo_desk.gui.ops.base import context_of
from kyojo_desk.scanning.sheet_import import ImportResult


def sheet_scan_dialog(
    parent: QWidget,
    event_id: str | None,
    event_title: str | None,
    on_saved: Callable[[ImportResult], None] | None = None,
) -> SheetScanDialog:
    """The dialog, connected (the caller opens it). With `event_id`, pages of other events are refused and a page whose
    own code is unreadable is placed in this event; without it each page goes to its own event.
    Closing the dialog while pages are read stops the reading after the page under way."""
    dialog = SheetScanDialog(event_title, parent=parent)

    def read(paths: list[Path]) -> None:
        progress = ops.ScanProgress()
        progress.advanced.connect(dialog.show_progress)
        dialog.rejected.connect(progress.cancel)
        ops.read_sheet_scans(
            parent=dialog, paths=paths, event_id=event_id, progress=progress
        ).success(
            lambda answer: dialog.show_scan(
                answer.scan, answer.new, answer.already, answer.day_choices
            )
        ).failure(dialog.show_failure).run_in_background()

    def count_again(days: dict[str, str]) -> None:
        """Another day chosen: who of the ticked is new that day."""
        assert dialog.scan is not None
        ops.preview_sheet_scan(parent=dialog, scan=dialog.scan, days=days).success(
            lambda preview: dialog.show_counts(preview.checked_in, preview.already)
        ).run_in_background()

    def save(confirmed: dict, walk_ins: dict) -> None:
        assert dialog.scan is not None

        def done(result: ImportResult) -> None:
            dialog.saved(result)
            if on_saved is not None:
                on_saved(result)

        ops.save_sheet_scan(
            parent=dialog,
            scan=dialog.scan,
            confirmed=confirmed,
            walk_ins=walk_ins,
            recorded_by=context_of(parent).user.name,
            days=dialog.chosen_days(),
        ).success(done).failure(dialog.save_failed).run_in_background()

    dialog.files_chosen.connect(read)
    dialog.days_changed.connect(count_again)
    dialog.save_requested.connect(save)
    return dialog
