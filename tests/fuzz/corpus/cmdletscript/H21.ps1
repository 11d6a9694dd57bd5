# No rules at all.
