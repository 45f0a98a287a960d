"""Record kinds as dataclasses, with their validation. Pure: no I/O, no Qt."""
