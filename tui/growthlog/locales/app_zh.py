"""简体中文：应用与共用服务的文字。"""

MESSAGES: dict[str, str] = {
    # Kinds
    "kind.note": "日常记录",
    "kind.problem": "问题反思",
    "kind.strategy": "策略调整",
    "kind.lesson": "经验总结",
    "kind.market": "市场观察",
    "kind.collab": "团队协作",
    "kind.learning": "持续学习",
    "kind.plan": "未来计划",
    # Shared errors
    "error.bad_date": "“{text}”不是日期：可以写 2026-11-20、今天、昨天、-3d、3天前、上周一 或 last monday",
    "error.empty_title": "标题是空的：先写几个字吧。",
}
