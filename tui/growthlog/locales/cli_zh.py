"""简体中文：命令行的文字。"""

MESSAGES: dict[str, str] = {
    "cli.unknown_kind": "没有“{kind}”这种类型：可用 {kinds}",
    "cli.body_too_long": "内容超过 {limit} 个字符",
    "cli.tag_too_long": "标签“{tag}…”超过 {limit} 个字符",
    "cli.bad_field": "“{item}”不是 名称=值 的形式",
    "cli.unknown_field": "{kind} 类型的记录没有“{name}”字段（可用字段：{known}）",
    "cli.bad_choice": "{name} 不能是“{value}”：可用 {choices}",
}
