"""The reference central server: HTTP API (FastAPI) over SQLite or PostgreSQL storage.

Never imported by the desk; the two share kyojo_desk.sync.protocol, kyojo_desk.sync.hlc and
kyojo_desk.sync.fields (with the declaration in kyojo_desk/store/schema.py).
"""
