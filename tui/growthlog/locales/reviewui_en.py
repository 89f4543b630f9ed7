"""English messages of the Review screen and its dialogs."""

MESSAGES: dict[str, str] = {
}
