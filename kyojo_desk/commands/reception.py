"""Reception commands: `event add/list/signup`, `checkin`, `attendance`."""

from __future__ import annotations

import argparse
import dataclasses

from kyojo_desk.commands.common import open_store, print_json, print_listing
from kyojo_desk.errors import KyojoError
from kyojo_desk.records.event import EVENT_KIND_LABELS, CheckInStatus, Event


class CheckInRefused(KyojoError):
    """A scan that counted nobody (unreadable or unknown card): one line, exit 1."""


def event_json(event: Event) -> dict:
    """The stable JSON form of an event."""
    return dataclasses.asdict(event)


def event_add(args: argparse.Namespace) -> int:
    values = {
        "title": args.title,
        "starts_at": args.starts,
        "ends_at": args.ends,
        "place": args.place or "",
        "kind": args.kind or "",
        "organiser": args.organiser or "",
        "capacity": args.capacity,
        "volunteer_led": args.volunteer_led,
        "ninaite_activity": args.ninaite,
        "led_by": args.led_by,
        "designated_by": args.designated_by or "",
    }
    with open_store(args) as store:
        event = store.create_event(values)
    if args.json:
        print_json(event_json(event))
    else:
        print(event.id)
    return 0


def event_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        events = store.list_events()
    print_listing(
        events,
        as_json=args.json,
        line=lambda e: f"{e.id}\t{e.starts_at}\t{e.kind_label}\t{e.title}\t{e.place}",
        to_json=event_json,
    )
    return 0


def event_signup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        added = store.sign_up(args.event_id, args.resident_ids)
        total = len(store.signed_up_ids(args.event_id))
    print(f"signed up {added} new, {total} in total")
    return 0


def checkin(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        result = store.check_in_by_scan(args.event_id, args.payload)
    if result.status == CheckInStatus.UNKNOWN_CODE:
        raise CheckInRefused(
            f"unknown_code: {result.message}（nobody has this code yet: link it with"
            " `kyojo-desk person link-code RESIDENT_ID PAYLOAD`）"
        )
    if not result.counted:
        raise CheckInRefused(f"{result.status.value}: {result.message}")
    assert result.attendance is not None
    if args.json:
        print_json(
            {
                "status": result.status.value,
                "message": result.message,
                "resident_id": result.attendance.resident_id,
                "attendance_id": result.attendance.id,
                "checked_in_at": result.attendance.checked_in_at,
                "day": result.attendance.day,
                "name": result.resident_name,
                "reading": result.resident_reading,
                "first_time": result.first_time,
            }
        )
    elif result.status == CheckInStatus.NEW:
        print(f"new: {result.resident_name}（{result.resident_reading}） {result.message}")
    else:
        print(f"already: {result.resident_name}（{result.resident_reading}） {result.message}")
    return 0


def attendance(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.get_event(args.event_id)
        rows = store.list_attendance(args.event_id, args.day)
    if args.json:
        print_json(
            [
                {
                    "id": a.id,
                    "resident_id": a.resident_id,
                    "age_band": a.age_band,
                    "method": a.method,
                    "checked_in_at": a.checked_in_at,
                    "day": a.day,
                    "recorded_by": a.recorded_by,
                }
                for a in rows
            ]
        )
    else:
        for a in rows:
            print(
                f"{a.day}\t{a.checked_in_at}\t{a.method}\t{a.resident_id or '-'}\t{a.age_band or ''}"
            )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    kinds = ", ".join(f"{k.value} ({label})" for k, label in EVENT_KIND_LABELS.items())
    event = commands.add_parser(
        "event", help="create, list and sign up for events", description="Community events."
    )
    event_commands = event.add_subparsers(dest="event_command", metavar="COMMAND", required=True)

    add = event_commands.add_parser(
        "add", help="create an event and print its id", description="Create an event."
    )
    add.add_argument("--title", required=True, help="the event's name")
    add.add_argument(
        "--starts", required=True, help="start, ISO date-time such as 2026-11-23T10:00 (local)"
    )
    add.add_argument("--ends", help="end, ISO date-time (optional)")
    add.add_argument("--place", help="where it is held")
    add.add_argument("--kind", help=f"kind: {kinds}; other text is kept as given")
    add.add_argument("--organiser", help="who organises it")
    add.add_argument("--capacity", type=int, help="how many people it can take")
    add.add_argument("--volunteer-led", action="store_true", help="run by volunteers")
    add.add_argument(
        "--led-by",
        metavar="VOLUNTEER_ID",
        help="the volunteer who led it; it counts for KPI ③ when they had finished the "
        "share-concierge course by the event's day",
    )
    add.add_argument(
        "--ninaite",
        action="store_true",
        help="counts as a 担い手活動 for the furusato-resident registration",
    )
    add.add_argument(
        "--designated-by",
        metavar="city|ORG_ID",
        help="who designated the 担い手活動: the city (default) or a partner organisation's id"
        " (see `org list`); only with --ninaite",
    )
    add.add_argument("--json", action="store_true", help="print the event as JSON (with `id`)")
    add.set_defaults(handler=event_add)

    listing = event_commands.add_parser(
        "list", help="list events, latest first", description="List events, latest first."
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=event_list)

    signup = event_commands.add_parser(
        "signup",
        help="sign residents up for an event in advance (idempotent)",
        description="Sign residents up for an event in advance; signing up again changes nothing.",
    )
    signup.add_argument("event_id", help="the event's id")
    signup.add_argument("resident_ids", nargs="+", metavar="RESIDENT_ID", help="residents' ids")
    signup.set_defaults(handler=event_signup)

    check = commands.add_parser(
        "checkin",
        help="check a member card's QR payload (or a linked external code) in at an event",
        description="Check in the holder of a member card (its QR payload, e.g. KJ1:R:K7PX3M9Q)"
        " or of an external code linked with `person link-code`, once per day of the event."
        " Exit 0 for a new or an already-recorded check-in that day; 1 for an unreadable or"
        " unknown code.",
    )
    check.add_argument("event_id", help="the event's id")
    check.add_argument("payload", help="the scanned QR payload (full-width input is read too)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=checkin)

    listing = commands.add_parser(
        "attendance",
        help="list who was checked in at an event",
        description="Everyone counted at an event, one row per person per day (anonymous head"
        " counts have no resident).",
    )
    listing.add_argument("event_id", help="the event's id")
    listing.add_argument("--day", metavar="YYYY-MM-DD", help="only this day of the event")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=attendance)
