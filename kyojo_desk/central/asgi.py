"""The API as an application factory for uvicorn's worker processes (`kyojo-central serve
--workers N`): each worker opens the database named by $KYOJO_CENTRAL_DB and knows from
$KYOJO_CENTRAL_WORKERS how many share the work (each takes its share of the enrolment rate)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from kyojo_desk.central.app import create_app
from kyojo_desk.central.server import settle_heap
from kyojo_desk.central.storage import open_storage

DATABASE_VARIABLE = "KYOJO_CENTRAL_DB"
WORKERS_VARIABLE = "KYOJO_CENTRAL_WORKERS"


def app_from_environment() -> FastAPI:
    workers = int(os.environ.get(WORKERS_VARIABLE, "1"))
    app = create_app(open_storage(os.environ[DATABASE_VARIABLE]), workers=workers)
    settle_heap()
    return app
