"""团队日志的中文消息：设置共享数据库、作者、冲突。"""

MESSAGES: dict[str, str] = {
    'team.init.created': '已创建',
    'team.init.converted': '已转换',
    'team.init.private': '个人数据库{state}：{path}（只有你能读取）。',
    'team.init.shared': "团队数据库{state}：{path}，与用户组 '{group}' 共享（文件夹 2770，文件 0660）。",
    'team.init.unreachable': (
        "注意：'{group}' 的成员无法进入 {folder}，也就打不开数据库。"
        "请换一个他们能进入的文件夹（例如 /srv/growthlog），或用 `chmod o+x {folder}` 放行。"
    ),
    'team.init.members': "'{group}' 现在的成员：{names}。",
    'team.init.add_member': "用 `sudo usermod -aG {group} 用户名` 加入成员（对方需重新登录）。",
    'team.init.for_everyone': (
        '成员用 `growthlog --db {path}` 打开；要让所有人默认打开它，在 /etc/xdg/growthlog/config.toml 中写入 '
        'db = "{path}"（或加上 --system-config 再运行一次）。'
    ),
    'team.init.system_config': '所有成员现在默认打开它：已写入 {path}。',
    'team.init.config_names_other': '{path} 已经指定了另一个数据库（{other}）：请手动编辑该文件。',
    'team.init.config_failed': '无法写入 {path}：{reason}。',
    'cli.col.author': '作者',
    'cli.author.both': '--author 和 --mine 不能同时使用：只给一个。',
    'cli.author.empty': '--author 后面需要一个作者名。',
    'team.list_separator': '，',
    'team.writer_count': '{name} {count} 条',
    'team.journal.only_mine': '只看你的（{name}）',
    'team.journal.showing_mine': '只显示你的记录（按 w 看所有人的）。',
    'team.journal.showing_everyone': '显示所有人的记录。',
    'key.journal.mine': '我的/全部',
    'key.journal.mine.help': '只看你写的记录，或重新看所有人的',
}
