"""Sub-commands of `kyojo-desk`, one module per area. Each module has `register(commands)`,
which adds its parsers (each with help text) and sets `handler=` on them."""

from kyojo_desk.commands import (
    app,
    help_kpi,
    ninaite,
    printing,
    privacy,
    reception,
    registry_io,
    residents,
    security,
    sheet_scan,
    sync,
)

COMMAND_MODULES = [
    app,
    residents,
    registry_io,
    reception,
    sync,
    security,
    privacy,
    help_kpi,
    printing,
    sheet_scan,
    ninaite,
]
