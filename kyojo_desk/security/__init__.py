"""Protecting residents' data: the database key, the coordinator PIN."""
