"""Dialogs: one class per file. They receive data and report back by signal; never the Store."""
