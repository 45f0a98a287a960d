"""Protecting the data: `encrypt`, `recover-key`."""

from __future__ import annotations

import argparse

from kyojo_desk.commands.common import (
    CommandError,
    command_user,
    open_store,
    require_coordinator_pin,
)
from kyojo_desk.paths import data_dir, database_path


def encrypt(args: argparse.Namespace) -> int:
    from kyojo_desk.security import keys
    from kyojo_desk.security.encrypt import encrypt_database

    database = database_path(data_dir(args.data_dir))
    if not database.exists():
        raise CommandError("there is no desk database here yet (a new one is encrypted anyway)")
    key = encrypt_database(database, keep_plain_copy=args.keep_plain_copy)
    print("The desk database is now encrypted.")
    print(f"Recovery key (write it down and keep it locked away): {keys.recovery_text(key)}")
    return 0


def recover_key(args: argparse.Namespace) -> int:
    from kyojo_desk.security import keys
    from kyojo_desk.store.database import connect

    database = database_path(data_dir(args.data_dir))
    key = keys.key_from_recovery(args.recovery_key)
    connect(database, key).conn.close()  # raises DatabaseLocked when it does not fit
    keys.store_key(database, key)
    print("The key is back in this machine's credential store.")
    return 0


def show_recovery_key(args: argparse.Namespace) -> int:
    from kyojo_desk.security import keys
    from kyojo_desk.security.desk import mark_recovery_key_shown

    with open_store(args) as store:
        if store.key is None:
            raise CommandError("this desk database is not encrypted (run `kyojo-desk encrypt`)")
        require_coordinator_pin(store, "showing the recovery key")
        print(keys.recovery_text(store.key))
        mark_recovery_key_shown(store)
        store.record_audit("showed_recovery_key", desk_user=command_user())
    return 0


def backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kyojo_desk.backup import make_backup

    with open_store(args) as store:
        if args.to:  # a copy of everything leaving the data directory: the coordinator's call
            require_coordinator_pin(store, "a backup to another folder")
        folder = Path(args.to) if args.to else data_dir(args.data_dir) / "backups"
        made = make_backup(store, folder, keep=args.keep)
        if args.to:
            store.record_audit("backed_up", detail=str(folder), desk_user=command_user())
    print(f"backup written to {made}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kyojo_desk.backup import check_backup, restore_backup
    from kyojo_desk.security import keys

    database = database_path(data_dir(args.data_dir))
    key = keys.database_key(database)
    held = check_backup(Path(args.file), key)
    kept = restore_backup(database, Path(args.file), key)
    print(
        f"restored {held['residents']} residents from {args.file}; the previous database is kept at {kept}"
    )
    return 0


def register_backup(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "backup",
        help="copy the desk database to a backup folder (encrypted like the database)",
        description="Make a backup now; only the newest --keep backups stay in the folder.",
    )
    parser.add_argument(
        "--to", metavar="DIR", help="backup folder (default: backups/ in the data directory)"
    )
    parser.add_argument(
        "--keep", type=int, default=14, help="how many backups to keep (default 14)"
    )
    parser.set_defaults(handler=backup)
    restoring = commands.add_parser(
        "restore",
        help="put a backup in place of the desk database (checked first; the window must be closed)",
        description="Check a backup (opens, integrity check, our tables) and restore it; the current database is kept aside. An enrolled desk must enrol again afterwards.",
    )
    restoring.add_argument("file", help="the backup file")
    restoring.set_defaults(handler=restore)


def register(commands: argparse._SubParsersAction) -> None:
    shown = commands.add_parser(
        "recovery-key",
        help="print the recovery key of the encrypted desk database (for the coordinator)",
        description="Print the recovery key to write down; the window stops offering it afterwards.",
    )
    shown.set_defaults(handler=show_recovery_key)
    parser = commands.add_parser(
        "encrypt",
        help="encrypt an existing plain desk database (new ones are encrypted already)",
        description="Encrypt the desk database in place; the key goes to the OS credential store and the recovery key is printed once.",
    )
    parser.add_argument(
        "--keep-plain-copy",
        action="store_true",
        help="keep the unencrypted file beside it as .plain.bak",
    )
    parser.set_defaults(handler=encrypt)
    recover = commands.add_parser(
        "recover-key",
        help="put the database key back from the coordinator's recovery key",
        description="Check the recovery key against the desk database and store it in the OS credential store.",
    )
    recover.add_argument("recovery_key", help="the recovery key, e.g. 4267-A206-…")
    recover.set_defaults(handler=recover_key)
    register_backup(commands)
