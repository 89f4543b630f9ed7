"""English messages of a team's log: setting up a shared database, authors, conflicts."""

MESSAGES: dict[str, str] = {
    'team.init.created': 'created',
    'team.init.converted': 'converted',
    'team.init.private': 'Private database {state}: {path} (only you can read it).',
    'team.init.shared': "Team database {state}: {path}, shared with the group '{group}' (folder 2770, files 0660).",
    'team.init.unreachable': (
        "Warning: members of '{group}' cannot pass through {folder}: they will not reach the database. "
        "Choose a folder they can reach (such as /srv/growthlog), or let them through with `chmod o+x {folder}`."
    ),
    'team.init.members': "Members of '{group}' now: {names}.",
    'team.init.add_member': "Let someone in with `sudo usermod -aG {group} NAME` (they log in again afterwards).",
    'team.init.for_everyone': (
        'Members open it with `growthlog --db {path}`; to make it everyone\'s default, put db = "{path}" '
        'in /etc/xdg/growthlog/config.toml (or run this again with --system-config).'
    ),
    'team.init.system_config': 'Every member now opens it by default: {path} names it.',
    'team.init.config_names_other': '{path} already names another database ({other}): edit that file by hand.',
    'team.init.config_failed': 'Cannot write {path}: {reason}.',
    'cli.col.author': 'Author',
    'cli.author.both': '--author and --mine ask for different things: give one of them.',
    'cli.author.empty': 'An author name is needed after --author.',
    'team.list_separator': ', ',
    'team.writer_count': '{name} {count}',
    'team.journal.only_mine': 'only yours ({name})',
    'team.journal.showing_mine': "Only your entries (w shows everyone's).",
    'team.journal.showing_everyone': "Everyone's entries.",
    'key.journal.mine': 'Mine/all',
    'key.journal.mine.help': "Only the entries you wrote, or everyone's again",
}
