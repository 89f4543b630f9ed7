"""English messages: metrics."""

MESSAGES: dict[str, str] = {}
