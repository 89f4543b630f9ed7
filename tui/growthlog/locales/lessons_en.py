"""English messages of the lessons shown beside a new goal or strategy."""

MESSAGES: dict[str, str] = {
}
