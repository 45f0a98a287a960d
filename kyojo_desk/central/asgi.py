"""The API as an application factory for uvicorn's worker processes (`kyojo-central serve
--workers N`): each worker opens the database named by $KYOJO_CENTRAL_DB."""

from __future__ import annotations

import os

from fastapi import FastAPI

from kyojo_desk.central.app import create_app
from kyojo_desk.central.server import settle_heap
from kyojo_desk.central.storage import open_storage

DATABASE_VARIABLE = "KYOJO_CENTRAL_DB"


def app_from_environment() -> FastAPI:
    app = create_app(open_storage(os.environ[DATABASE_VARIABLE]))
    settle_heap()
    return app
