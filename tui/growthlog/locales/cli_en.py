"""English messages of the command line."""

MESSAGES: dict[str, str] = {
    "cli.unknown_kind": "unknown kind '{kind}': use one of {kinds}",
    "cli.body_too_long": "the text is longer than {limit} characters",
    "cli.tag_too_long": "the tag '{tag}…' is longer than {limit} characters",
    "cli.bad_field": "'{item}' is not NAME=VALUE",
    "cli.unknown_field": "'{name}' is not a field of {kind} entries (fields: {known})",
    "cli.bad_choice": "{name} cannot be '{value}': use one of {choices}",
}
