"""User actions as operations: `verb_noun(*, parent, …)` returning an Operation."""
