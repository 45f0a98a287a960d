"""The reference central server: HTTP API (FastAPI) over SQLite or PostgreSQL storage.

Never imported by the desk; the two share only kyojo_desk.sync.protocol.
"""
