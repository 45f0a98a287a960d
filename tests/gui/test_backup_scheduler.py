"""The daily backup runs in the background when a day has passed, and only then."""

from __future__ import annotations

from kyojo_desk.backup import backups_in
from kyojo_desk.gui.backup_scheduler import BackupScheduler
from tests.gui.conftest import wait_idle


def test_backup_is_made_when_due_and_not_again_the_same_day(qtbot, window, desk_context, tmp_path):
    desk_context.settings.setValue("backup/folder", str(tmp_path / "backups"))
    desk_context.settings.setValue("backup/keep", 3)
    scheduler = BackupScheduler(desk_context, window)
    with qtbot.waitSignal(scheduler.backup_made, timeout=5000) as made:
        scheduler.check()
    assert backups_in(tmp_path / "backups") == [tmp_path / "backups" / made.args[0].split("/")[-1]]
    scheduler.check()
    wait_idle(qtbot, desk_context)
    assert len(backups_in(tmp_path / "backups")) == 1


def test_a_failed_backup_is_reported(qtbot, window, desk_context, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    desk_context.settings.setValue("backup/folder", str(blocker))
    scheduler = BackupScheduler(desk_context, window)
    with qtbot.waitSignal(scheduler.backup_failed, timeout=5000) as failed:
        scheduler.check()
    assert failed.args[0]
