"""Reading request bodies within a limit, for every route of the central server.

The body is read in pieces and refused as soon as it passes the limit, chunked or not, so no
request (with or without a token) can make the server hold more than the limit in memory.
The API answers `BodyTooLarge` with 413 `too_large`.
"""

from __future__ import annotations

from starlette.requests import Request


class BodyTooLarge(Exception):
    """A request body passed its limit (answered 413)."""


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge()
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise BodyTooLarge()
    return bytes(received)
