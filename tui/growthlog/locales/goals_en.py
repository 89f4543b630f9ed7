"""English messages: goals."""

MESSAGES: dict[str, str] = {}
