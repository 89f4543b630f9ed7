"""English messages: charts."""

MESSAGES: dict[str, str] = {}
