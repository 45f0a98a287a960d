"""Kyojo Desk (共助デスク): the offline-first desk for community-centre volunteers."""

__version__ = "0.1.0"
