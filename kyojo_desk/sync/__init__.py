"""The desk's sync: protocol payloads (shared with the central server), HTTP client, engine."""
