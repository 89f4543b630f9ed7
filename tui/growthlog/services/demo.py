"""Sample data: twelve weeks in the log of a growth / operations person at a Chinese fitness app.

Used by ``growthlog --demo``, the screenshots and the tests. Everything is derived from ``today``
and ``seed`` — days, numbers and the ``created``/``updated`` timestamps alike, never the clock — so
the same pair always gives the same entries and screenshots stay reproducible.

The story (offsets are days before ``today``):

* 83: a new quarter starts; the funnel is mapped and three targets are set.
* 72–44: an onboarding redesign ships, D7 retention drops, a partial rollback is A/B-tested and
  rolled out, a lesson is written.
* 58–48: a push blast to dormant users causes a wave of opt-outs; frequency caps follow.
* 40–0: a competitor bids up the main ad channel and CAC spikes; the budget is moved (still being
  mitigated, its strategy due for review today).
* 34–8: a 21-day check-in challenge runs and works; a success lesson.
* 6–0: the paywall goes blank on older Android phones — a critical problem still open.

Daily notes fill most working days; the last eleven days (weekends too) all have entries after an
empty day, so the logging streak is alive. Their numbers come from :func:`trend`, the same curves
the demo's metrics record as daily measurements (:func:`build_demo_metrics`), so that notes and
charts agree. Today CAC jumps (year-end search-ad prices): the one sharp move the wrong way that
Today's attention items show. The quarter's goals (:func:`build_demo_goals`) are in every state:
achieved, on track, at risk (one tracked by check-ins), off track, overdue, without a due date,
dropped, and long-term goals holding them.

To extend: add a section function taking a :class:`_Story` to :data:`_SECTIONS`. Entries are
referred to by key (``story.add(..., key="p_cac")`` and ``links=("p_cac",)``); ids 1..N are given
in chronological order once everything is placed, and links are resolved then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from growthlog.models import Entry, Link

DAYS = 84
"""How far back the demo goes: twelve weeks, ending on ``today``."""
STREAK_DAYS = 11
"""Days up to and including ``today`` that all have entries; the day before them has none."""
AUTHOR = "linxiao"


def trend(key: str, offset: int) -> float:
    """The story's value of a metric ``offset`` days before today, without noise.

    Keys: ``dau``, ``mau``, ``new_users``, ``d1_retention`` and ``d7_retention`` (%),
    ``conversion_rate`` (%), ``revenue`` (¥ a day), ``churn_rate`` (members' monthly churn, %),
    ``cac`` (¥). The shapes follow the story: D1 and D7 fall after the onboarding change and
    recover after the fix, churn rises after the push blast, new users dip while CAC spikes,
    conversion (and with it revenue) rises during the challenge and falls with the paywall bug,
    and today CAC jumps with the year-end search-ad prices.
    """
    t = DAYS - 1 - offset
    if key == "mau":
        return 420_000 + 560 * t
    if key == "d1_retention":
        if offset > 72:
            return 42.0
        if offset > 60:
            return 37.6
        if offset > 46:
            return 37.6 + (60 - offset) * (41.6 - 37.6) / 14
        return 42.6 if 30 >= offset >= 10 else 41.8
    if key == "revenue":
        # Renewals plus new members: DAU × conversion × the share who see the paywall × price.
        return 50_000 + trend("dau", offset) * trend("conversion_rate", offset) / 100 * 0.1 * 58
    if key == "churn_rate":
        if 56 >= offset >= 46:
            return 7.3
        if 30 >= offset >= 8:
            return 5.7
        return 6.2
    if key == "dau":
        value = 118_000 + 160 * t
        if 56 >= offset >= 54:
            value *= 1.05  # the push blast: a short-lived bump
        if offset <= 5:
            value *= 0.99
        return value
    if key == "new_users":
        if 38 >= offset >= 29:
            return 3_600 * 0.83
        return 3_600 * (1.06 if offset < 29 else 1.0)
    if key == "d7_retention":
        if offset > 72:
            return 21.4
        if offset > 60:
            return 17.9
        if offset > 46:
            return 17.9 + (60 - offset) * (20.9 - 17.9) / 14
        return 21.1
    if key == "conversion_rate":
        if offset <= 3:
            return 3.9
        if offset <= 6:
            return 3.5
        if 30 >= offset >= 10:
            return 4.7
        return 4.2
    if key == "cac":
        if 40 >= offset >= 33:
            return 18.5 + (40 - offset) * (31 - 18.5) / 7
        if 33 > offset >= 20:
            return 31 - (33 - offset) * (31 - 22.5) / 13
        if offset == 0:
            return 26.6  # year-end search-ad prices: today's sharp move the wrong way
        return 22.5 if offset < 20 else 18.5
    raise KeyError(key)


@dataclasses.dataclass
class _Draft:
    key: str | None
    offset: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    fields: dict[str, Any]
    links: tuple[str, ...]
    created: dt.datetime
    updated: dt.datetime
    author: str
    order: int


class _Story:
    """Collects entries by day offset, then turns them into numbered, linked :class:`Entry` objects."""

    def __init__(self, today: dt.date, seed: int) -> None:
        self.today = today
        self.rng = random.Random(f"{today.isoformat()}/{seed}")
        self.drafts: list[_Draft] = []

    def day(self, offset: int) -> dt.date:
        """The day ``offset`` days before today (negative: in the future)."""
        return self.today - dt.timedelta(days=offset)

    def workday(self, offset: int) -> int:
        """``offset``, moved back to the Friday before when it falls on a weekend.

        Only outside the streak: the last days are kept as they are (people do log on weekends),
        and moving back never lands on the empty day just before the streak.
        """
        if offset < STREAK_DAYS:
            return offset
        while self.day(offset).weekday() >= 5:
            offset += 1
        return offset

    def number(self, key: str, offset: int, spread: float = 0.02) -> float:
        """The story's value of a metric on a day, with a little deterministic noise."""
        return trend(key, offset) * (1 + self.rng.uniform(-spread, spread))

    def add(
        self,
        offset: int,
        kind: str,
        title: str,
        body: str = "",
        *,
        key: str | None = None,
        tags: tuple[str, ...] = (),
        fields: dict[str, Any] | None = None,
        links: tuple[str, ...] = (),
        hour: int | None = None,
        updated_offset: int | None = None,
        author: str = AUTHOR,
        move_off_weekend: bool = True,
    ) -> int:
        """Place an entry; returns the offset actually used (moved off weekends unless told not to)."""
        if move_off_weekend:
            offset = self.workday(offset)
        if offset == STREAK_DAYS:
            raise ValueError("the day before the streak must stay empty")
        if not 0 <= offset < DAYS:
            raise ValueError(f"offset {offset} is outside the demo's {DAYS} days")
        minute = self.rng.randrange(60)
        if hour is None:
            hour = self.rng.randrange(9, 21)
        created = dt.datetime.combine(self.day(offset), dt.time(hour, minute))
        updated = created
        if updated_offset is not None and updated_offset < offset:
            updated_offset = max(updated_offset, 0)
            updated = dt.datetime.combine(self.day(updated_offset), dt.time(self.rng.randrange(10, 19), minute))
        self.drafts.append(
            _Draft(key, offset, kind, title, body.strip(), tags, fields or {}, links, created, updated, author,
                   len(self.drafts))
        )
        return offset

    def offsets_used(self) -> set[int]:
        return {d.offset for d in self.drafts}

    def entries(self) -> list[Entry]:
        """The entries in chronological order with ids 1..N, links resolved."""
        drafts = sorted(self.drafts, key=lambda d: (d.created, d.order))
        ids = {d.key: number for number, d in enumerate(drafts, 1) if d.key}
        if len(ids) != sum(1 for d in drafts if d.key):
            raise ValueError("two demo entries share a key")
        result = []
        for number, d in enumerate(drafts, 1):
            result.append(
                Entry(
                    id=number,
                    day=d.created.date(),
                    kind=d.kind,
                    title=d.title,
                    body=d.body,
                    tags=list(d.tags),
                    author=d.author,
                    created=d.created,
                    updated=d.updated,
                    links=[Link(type="entry", ref=str(ids[k])) for k in d.links],
                    fields=d.fields,
                )
            )
        return result


# ---------------------------------------------------------------------------------------------
# The story, section by section.


def _kickoff(s: _Story) -> None:
    s.add(
        83, "note", "新季度启动：梳理增长漏斗", hour=10, move_off_weekend=False, tags=("复盘", "onboarding", "留存"),
        body="""
## 今日执行
- 拉了近 90 天的漏斗：下载 → 注册 → 首次训练 → D7 留存 → 开通会员
- 注册到首次训练这一步流失最大，约 38% 的新用户注册完就没再打开
- 和主管过了一遍上季度复盘，确定本季度只盯三件事

## 资源
- 数据组的漏斗看板（口径：自然日、按注册 cohort）
- 上季度复盘文档

## 反馈
主管的意见：目标要能量化、有截止时间，别写「提升用户体验」这种没法验收的话。
""",
    )
    s.add(
        83, "plan", "本季度三件事：D7 留存 22%、CAC ≤ ¥20、会员转化 4.5%", key="plan_quarter", hour=16,
        move_off_weekend=False, tags=("留存", "拉新", "转化"),
        fields={"due": s.day(27), "owner": AUTHOR},
        body="""
## 目标
1. **留存**：新用户 D7 留存从 21.4% 提到 22%
2. **拉新**：付费渠道综合 CAC 控制在 ¥20 以内，日新增稳定在 3,500 以上
3. **转化**：会员转化率从 4.2% 提到 4.5%

## 节奏
- 每周五出周报，看三个数的周均值
- 第 6 周做一次中期检查，不达标就调整打法
""",
    )


def _onboarding(s: _Story) -> None:
    s.add(
        74, "collab", "和产品组对齐新手引导改版：5 步缩为 3 步", key="c_onboarding", tags=("onboarding", "产品"),
        fields={"people": "产品组（阿杰）、设计（Mia）", "project": "新手引导 v3",
                "result": "去掉「选择训练目标」和「身体数据」两步，两天后全量上线"},
        body="""
## 讨论内容
- 产品组的判断：引导步骤太多，注册完成率只有 72%
- 方案：保留「账号 + 通知授权 + 第一节课」，其余放到首页慢慢补

## 我的顾虑
「选择训练目标」决定了首周推荐的课程，去掉之后推荐会变成通用模板。会上提了，但大家觉得先上线看数据。

## 结论
直接全量，不做灰度。（事后看，这是个错误决定）
""",
    )
    s.add(
        72, "note", "新手引导 v3 全量上线", tags=("onboarding", "转化"),
        body="""
## 今日执行
- 上午 10 点全量，下午看了第一批数据
- 注册完成率从 72% 升到 **78%**，效果立竿见影

## 资源
- 客户端发版一次，产品、设计、数据各一人跟进

## 反馈
应用商店有两条评论说「注册很快」。留存要一周后才能看到，先记下来。
""",
    )
    s.add(
        66, "note", "D7 留存 cohort 异常：新版引导用户明显偏低", tags=("留存", "onboarding", "数据分析"),
        body="""
## 今日执行
- 按注册日拆 cohort：v3 上线后的三个 cohort，D7 分别是 18.1%、17.6%、17.9%
- 上线前四周 D7 一直在 21%–22% 之间
- 排除了渠道结构变化：各渠道的 D7 都在掉，不是某一个渠道拉低

## 下一步
明天写问题反思，找产品组一起看首周课程的完课率。
""",
    )
    s.add(
        65, "problem", "新手引导改版后 D7 留存下滑 3.5 个点", key="p_onboarding",
        tags=("留存", "onboarding", "d7"), links=("c_onboarding",), updated_offset=44,
        fields={
            "cause": "去掉了「选择训练目标」，首周推荐变成通用模板；减脂和增肌用户拿到同一套课，第 2–3 天完课率从 64% 掉到 41%。",
            "impact": "上线两周约 2.1 万新用户受影响；按现有转化估算月会员收入少 6% 左右；季度 D7 目标 22% 有落空风险。",
            "severity": "high",
            "urgency": "high",
            "status": "resolved",
            "solution": "恢复目标选择（可跳过），跳过的人给默认 3 天入门计划；先 50% A/B，两周后看 D7 再决定全量。",
            "alternatives": "整体回滚到 v2：最快，但注册完成率的提升一起丢掉；首页加「定制计划」卡片：要开发两周，且依赖用户主动点击；只恢复目标选择（选中）：改动最小，一周可上线，还能保住注册率。",
            "resolved_on": s.day(44),
        },
        body="""
## 背景
新手引导 v3 一周前全量，注册完成率 +6pt。一周后 cohort 数据出来，D7 留存从 21.4% 掉到 17.9%。

## 原因
- 「选择训练目标」被去掉，首周推荐变成通用模板
- 首周第 2–3 天的完课率从 64% 降到 41%：课程不对口，用户练一两次就走了
- 次要：通知授权挪到了第二步，授权率没变，排除

## 影响
- 受影响新用户约 2.1 万
- 会员转化依赖首周习惯，估算月会员收入 -6%
- 季度目标 D7 22% 有风险

## 考虑过的方案
1. 整体回滚 v2 —— 最快，但注册率收益也没了
2. 首页加「定制计划」卡片 —— 开发两周，依赖用户主动点
3. **只恢复目标选择，可跳过** —— 改动小、一周上线、保住注册率 ✅

## 解决方案
恢复目标选择（可跳过）；跳过的用户给默认的 3 天入门计划。先 50% A/B。

## 结果
A/B 两周：实验组 D7 **20.9%**，对照组 17.6%；注册完成率 77.5%，基本没损失。随后全量，本问题关闭。
""",
    )
    s.add(
        64, "collab", "请数据组按引导版本拆留存看板", tags=("留存", "数据分析"),
        fields={"people": "数据组（周敏）", "project": "留存看板", "result": "看板新增「引导版本」和「训练目标」两个维度，第二天可用"},
        body="""
## 需求
- cohort 留存能按引导版本（v2 / v3 / v3-目标选择）筛选
- 首周每天的完课率

## 结果
周敏当天就加好了，还顺手补了一个「首练时长」分布图。以后改引导类需求，先把看板维度加上再上线。
""",
    )
    s.add(
        63, "strategy", "恢复「选择训练目标」步骤，跳过者给默认入门计划", key="s_onboarding",
        tags=("留存", "onboarding", "a/b"), links=("p_onboarding",), updated_offset=46,
        fields={
            "trigger": "问题反思「新手引导改版后 D7 留存下滑」：D7 从 21.4% 掉到 17.9%，首周完课率 64% → 41%。",
            "change": "引导第 2 步恢复「选择训练目标」，可跳过；跳过者首周给默认 3 天入门计划。50% 用户 A/B。",
            "expected_effect": "实验组 D7 回到 21% 以上；注册完成率不低于 v3 的 78% 太多（允许 -1pt）。",
            "metric": "d7_retention",
            "effective_on": s.day(60),
            "review_on": s.day(46),
            "outcome": "实验组 D7 20.9%，对照 17.6%；注册完成率 77.5%。已全量。",
        },
        body="""
## 触发
D7 留存连续三个 cohort 低于 18%，原因定位到首周推荐（见关联的问题反思）。

## 调整内容
- 引导第 2 步恢复「选择训练目标」（减脂 / 增肌 / 体态 / 放松），右上角可跳过
- 跳过的人：首周推荐默认的 3 天入门计划
- 50% 用户 A/B，两周后复盘

## 预期效果
| 指标 | 现在 | 目标 |
|---|---|---|
| D7 留存 | 17.9% | ≥ 21% |
| 注册完成率 | 78% | ≥ 77% |
""",
    )
    s.add(
        46, "note", "目标选择步骤全量", tags=("onboarding", "留存"),
        body="""
## 今日执行
- A/B 复盘：实验组 D7 20.9% vs 对照 17.6%，差异显著
- 下午全量，通知了客服和内容组

## 反馈
选「体态」的用户比预想的多（27%），内容组说下个月可以多排几节体态课。
""",
    )
    s.add(
        44, "lesson", "改核心流程前先灰度，看 cohort 而不是当天转化", key="l_onboarding",
        tags=("onboarding", "留存", "复盘"), links=("p_onboarding", "s_onboarding"),
        fields={
            "outcome": "failure",
            "takeaway": "注册完成率当天就能看到，D7 要等一周多；只看前者就全量，等于拿短期指标换掉了长期指标。",
            "recommendation": "引导、首页这类核心流程改动：先 10% 灰度，至少看两个完整的 D7 cohort；上线清单加一条「留存护栏指标」。",
        },
        body="""
## 发生了什么
新手引导 v3 只看注册完成率就全量，三周后才发现 D7 掉了 3.5 个点，修复又花了两周多。

## 经验
- 短期指标（注册率）涨，不代表长期指标（留存）没事
- 会上有人提出顾虑时，就应该定一个护栏指标

## 以后怎么做
1. 核心流程改动一律灰度
2. 上线清单写明护栏指标和观察期
3. 看板先支持按版本拆分，再上线
""",
    )


def _push(s: _Story) -> None:
    s.add(
        58, "note", "Re-engagement push for dormant users: plan and copy", tags=("push", "留存"),
        body="""
## Done
- Pulled the segment: 410k users with no session in the last 30 days
- Wrote three variants of copy ("Your plan is waiting", "5 minutes today?", a coach quote)

## Resources
- Push console, CRM segment export, half a day of the copywriter

## Feedback
Product asked whether three sends are too many. I said we'd watch the numbers — should have set a cap up front.
""",
    )
    s.add(
        56, "note", "Sent the dormant-user push wave", tags=("push", "dau"),
        body="""
## Done
- Three sends over two days; the third went out at 22:40 because of a queue delay

## Feedback
- DAU +5% on the first day — looked great in the morning stand-up
- By evening: support tickets about "spam", and opt-outs were climbing
""",
    )
    s.add(
        55, "problem", "Dormant-user push blast caused an opt-out spike", key="p_push",
        tags=("push", "留存", "dau"), updated_offset=49,
        fields={
            "cause": "Three sends in 48 hours to 410k dormant users, no frequency cap; one send landed after 22:00.",
            "impact": "Push opt-out went from ~0.4% to 2.1% a day for three days (about 8,600 users we can no longer reach); 40 more one-star reviews saying 'spam'; the DAU bump was gone within two days.",
            "severity": "medium",
            "urgency": "high",
            "status": "resolved",
            "solution": "Frequency cap (one marketing push a day, three a week), quiet hours 22:00–08:00, and one personalised reminder per dormant user instead of a blast.",
            "alternatives": "Stop marketing pushes for a month: too blunt, the daily workout reminder brings ~18% of DAU. Move re-engagement to SMS: costly and more intrusive. In-app messages only: dormant users never see them.",
            "resolved_on": s.day(49),
        },
        body="""
## Background
A re-engagement push to 410k users inactive for 30+ days: three sends in two days.

## Cause
- No frequency cap in the push console; nobody owned the total number of sends per user
- The third send was delayed to 22:40

## Impact
- Opt-out rate 0.4% → **2.1%/day** for three days, ~8,600 users lost as a push audience
- +40 one-star reviews mentioning spam
- DAU +5% for one day only

## Options considered
1. Pause all marketing pushes for a month — too blunt
2. SMS instead — expensive, more intrusive
3. **Caps + quiet hours + one personalised reminder** ✅

## Solution
See the linked strategy: caps and quiet hours in the console, enforced for every campaign.

## Result
Opt-outs back to 0.45%/day within five days; closed six days after it started.
""",
    )
    s.add(
        54, "collab", "和客服对齐推送投诉的回复口径", tags=("push", "客服"),
        fields={"people": "客服组（小雨）", "project": "推送退订处理", "result": "统一回复话术，投诉工单 48 小时内清零"},
        body="""
## 背景
推送轰炸后客服一天收到 130 多条投诉，回复口径不一致，有的说「系统故障」，有的说「活动推送」。

## 约定
- 统一说明：是我们的推送频率没控制好，已经调整
- 教用户在「设置 → 通知」里只关营销推送、保留训练提醒
- 每天下班前把高频问题同步给我
""",
    )
    s.add(
        53, "strategy", "Push frequency cap and quiet hours", key="s_push",
        tags=("push", "dau"), links=("p_push",), updated_offset=38,
        fields={
            "trigger": "Problem: the dormant-user push blast (opt-outs 0.4% → 2.1% a day).",
            "change": "At most one marketing push a day and three a week per user; nothing between 22:00 and 08:00; dormant users get one personalised reminder based on their last workout.",
            "expected_effect": "Opt-outs under 0.5%/day within a week; push CTR ≥ 4%; DAU flat or up.",
            "metric": "dau",
            "effective_on": s.day(52),
            "review_on": s.day(38),
            "outcome": "Opt-outs 0.45%/day after five days; CTR 4.6% (was 3.1%); DAU unchanged within ±1%.",
        },
        body="""
## Trigger
The push blast three days ago (linked problem).

## Change
- **Cap**: 1 marketing push per user per day, 3 per week (workout reminders the user set up don't count)
- **Quiet hours**: 22:00–08:00, queued sends are dropped, not delayed
- **Dormant users**: one reminder that names their last workout

## Expected effect
- Opt-out rate < 0.5%/day
- CTR ≥ 4% (fewer, better pushes)
- DAU: no loss
""",
    )
    s.add(
        48, "lesson", "A reach spike is not a re-engagement win", key="l_push", tags=("push", "复盘"),
        links=("p_push", "s_push"),
        fields={
            "outcome": "failure",
            "takeaway": "The push blast bought one day of DAU and cost us 8,600 reachable users for good. Opt-out is a one-way door; sends are not free.",
            "recommendation": "Every campaign states its opt-out guardrail before launch; the console enforces caps, not people.",
        },
        body="""
## What happened
We measured the blast by next-day DAU (+5%) and missed the cost: opt-outs ×5 for three days.

## Takeaway
- Count what a campaign *uses up* (push permission, goodwill), not only what it brings
- The guardrail should be automatic — a checklist alone was not enough

## Next time
1. Write the guardrail metric (opt-out rate) into the campaign brief
2. Cap in the tool, so a queue delay can't produce a 22:40 send
""",
    )


def _channels(s: _Story) -> None:
    s.add(
        40, "market", "竞品「动力圈」在抖音大量投放「30 天瘦 5 斤」素材", key="m_competitor_ads",
        tags=("竞品", "渠道", "抖音"),
        fields={"scope": "competitor", "subject": "动力圈", "source": "巨量创意素材库 + 刷了一晚上抖音", "impact_on_us": "high"},
        body="""
## 看到了什么
- 动力圈近一周新增 60 多条信息流素材，主打「30 天瘦 5 斤」和明星同款
- 定向和我们高度重合：18–30 岁女性、一二线城市

## 对我们的影响
同一人群竞价会被抬高，我们的 CAC 大概率上涨。建议提前准备其他渠道的预算。
""",
    )
    s.add(
        36, "note", "抖音信息流 CAC 连续三天超过 ¥28", tags=("渠道", "拉新", "cac"),
        body="""
## 今日执行
- 拉了近两周的投放数据：CPM 涨了 35%，主力素材 CTR 从 2.3% 掉到 1.4%
- 把跑了 5 周的三条主力素材降权

## 反馈
投放代理说同人群包最近竞争很激烈，和上周看到的竞品动作对得上。
""",
    )
    s.add(
        35, "problem", "抖音信息流获客成本从 ¥18 涨到 ¥31", key="p_cac",
        tags=("渠道", "拉新", "cac"), links=("m_competitor_ads",),
        fields={
            "cause": "竞品同期加大投放，抬高了同一人群的竞价；我们的主力素材已经跑了 5 周，CTR 从 2.3% 降到 1.4%。",
            "impact": "预算不变时日新增少了约 600；本月 CAC 目标 ¥20 明显超标；新增减少会在两周后拖累 DAU。",
            "severity": "high",
            "urgency": "high",
            "status": "mitigating",
            "solution": "抖音预算降 30%，转到小红书 KOC 和应用商店搜索广告；每周上新 5 条素材；排除竞争最激烈的人群包。",
            "alternatives": "提价跟投：短期保量，但 CAC 更高，和竞品拼预算拼不过；暂停抖音：新增掉太多，影响 DAU；调整预算结构 + 素材迭代（选中）：能控成本，也分散了单一渠道的风险。",
        },
        body="""
## 背景
抖音信息流是最大的付费渠道，占新增的 45%。CAC 一周内从 ¥18 涨到 ¥31。

## 原因
1. 竞品「动力圈」在同一人群大量投放，竞价被抬高（见市场观察）
2. 素材疲劳：主力素材已跑 5 周，CTR 2.3% → 1.4%

## 影响
- 日新增约 -600
- 本月 CAC 目标 ¥20 超标
- 两周后会传导到 DAU

## 考虑过的方案
- 提价跟投 —— 拼预算拼不过
- 暂停抖音 —— 新增掉太多
- **调预算结构 + 素材迭代** ✅

## 解决方案
见关联的策略调整。

## 结果
进行中：CAC 已回落到 ¥23 左右，但还没到目标。
""",
    )
    s.add(
        33, "strategy", "渠道预算重新分配：抖音 -30%，小红书 KOC 与 ASA 加量", key="s_channel",
        tags=("渠道", "拉新", "cac"), links=("p_cac", "m_competitor_ads"),
        fields={
            "trigger": "问题反思「抖音信息流获客成本从 ¥18 涨到 ¥31」；竞品在同一人群加大投放。",
            "change": "抖音信息流预算 -30%；其中一半给小红书 KOC（30 位腰部博主），一半给应用商店搜索广告；素材每周上新 5 条。",
            "expected_effect": "综合 CAC 回到 ¥22 以内，日新增不低于 3,500。",
            "metric": "new_users",
            "effective_on": s.day(31),
            "review_on": s.day(0),
        },
        body="""
## 触发
抖音 CAC 一周涨了 70%，原因一半在竞品、一半在素材疲劳。

## 调整内容
| 渠道 | 调整前 | 调整后 |
|---|---|---|
| 抖音信息流 | 60% | 42% |
| 小红书 KOC | 15% | 24% |
| 应用商店搜索广告 | 25% | 34% |

- 素材：每周五上新 5 条，跑满两周还没起量就下线

## 预期效果
- 综合 CAC ≤ ¥22
- 日新增 ≥ 3,500

## 复盘
一个月后（今天）和财务一起看 ROI。
""",
    )
    s.add(
        30, "collab", "和设计一起赶出 8 条新投放素材", tags=("渠道", "素材", "设计"),
        fields={"people": "设计组（Mia、小唐）", "project": "信息流素材迭代", "result": "8 条新素材，其中 3 条「下班 15 分钟」系列 CTR 超过 2.5%"},
        body="""
## 做法
- 先一起看了 20 条竞品素材和我们自己跑得最好的 5 条
- 定了三个方向：下班 15 分钟、体态矫正、真人前后对比（走合规审核）

## 结果
「下班 15 分钟」系列最好，用户调研里「时间短」本来就是最高频的诉求。
""",
    )
    s.add(
        26, "note", "小红书 KOC 第一批笔记数据", tags=("渠道", "拉新", "小红书"),
        body="""
## 今日执行
- 第一批 12 位 KOC 的笔记全部发出，平均互动 1,100
- 带来新增 1,860，折算 CAC ¥16.4

## 反馈
评论区问得最多的是「零基础能不能练」，下一批笔记的脚本加上入门内容。
""",
    )


def _challenge(s: _Story) -> None:
    s.add(
        34, "plan", "21 天打卡挑战活动方案", tags=("活动", "转化", "社群"),
        fields={"due": s.day(30), "owner": AUTHOR},
        body="""
## 目标
- 报名 2 万人，完成率 ≥ 25%
- 完成者会员转化 ≥ 8%

## 机制
- 每天一节 15 分钟课，社群里打卡
- 7 人小队互相监督，小队全员完成有额外奖励

## 分工
- 我：活动策划、社群排班
- 内容组：21 节课的排期
- 设计：海报和完成证书
""",
    )
    s.add(
        30, "note", "21 天打卡挑战上线", tags=("活动", "社群"),
        body="""
## 今日执行
- 上午 9 点开放报名，中午就破 1 万，晚上 2.3 万
- 建了 40 个挑战群，每群配一名志愿者群主

## 资源
- 活动预算 ¥3 万（奖品 ¥2 万，社群 ¥1 万）

## 反馈
报名页的「小队」入口不够显眼，晚上改成了第一屏。
""",
    )
    s.add(
        22, "note", "Challenge day 8: 31% still checking in", tags=("活动", "社群", "留存"),
        body="""
## Done
- Day-8 check-in rate 31% (we planned for 25% at the end)
- Teams of seven keep 1.8× more people than solo players

## Feedback
Several groups asked for a rest day. Decided against changing the rules mid-way; noted for next time.
""",
    )
    s.add(
        9, "lesson", "21 天打卡挑战：社群陪伴比奖品更管用", key="l_challenge",
        tags=("活动", "转化", "社群"),
        fields={
            "outcome": "success",
            "takeaway": "完成挑战的用户会员转化 9.2%，是大盘的两倍多；问卷里「有人一起练」被提到最多，奖品只排第四。",
            "recommendation": "下次把一半的奖品预算挪到社群运营；第 7 天加一次中场鼓励；允许每周休息一天。",
        },
        body="""
## 结果
- 报名 2.3 万，完成 6,100 人（26.5%）
- 完成者会员转化 **9.2%**，大盘 4.2%
- 小队模式的完成率是单人的 1.8 倍

## 成功的原因
1. 7 人小队：互相提醒，不好意思掉队
2. 每节课只有 15 分钟，下班也能完成
3. 志愿者群主比我们运营自己说话更有用

## 下次可以更好
- 中途第 7–10 天掉得最多，需要中场激励
- 奖品吸引来的人完成率反而低
""",
    )
    s.add(
        8, "strategy", "会员页加入「挑战完成者专享价」", key="s_paywall_offer",
        tags=("转化", "会员", "活动"), links=("l_challenge",),
        fields={
            "trigger": "挑战完成者转化 9.2%，但有 40% 的人在会员页停留后离开，问卷说「首月价偏高」。",
            "change": "完成挑战的用户 7 天内打开会员页，看到首月 ¥9.9 的专享价（原 ¥25）。",
            "expected_effect": "挑战完成者转化从 9.2% 提到 12%，带动大盘会员转化 +0.2pt。",
            "metric": "conversion_rate",
            "effective_on": s.day(7),
            "review_on": s.day(-14),
        },
        body="""
## 触发
挑战复盘（见经验总结）：完成者愿意付费，但首月价格是主要阻力。

## 调整内容
- 只对完成者，7 天有效
- 首月 ¥9.9，第二个月起恢复原价

## 预期效果
完成者转化 9.2% → 12%。两周后复盘，同时看第二个月的续费率。
""",
    )


def _paywall(s: _Story) -> None:
    s.add(
        6, "note", "会员转化率昨天掉到 3.4%", tags=("转化", "会员"),
        body="""
## 今日执行
- 早会发现转化率异常，按系统拆：iOS 正常，安卓掉了 1.3pt
- 客服转来 20 多条「会员页一片白」的反馈，截图都是老款华为和 OPPO
""",
    )
    s.add(
        5, "problem", "会员支付页在部分安卓机型上白屏", key="p_paywall",
        tags=("转化", "会员", "bug"), hour=11,
        fields={
            "cause": "初步定位：支付 SDK 升级后，系统 WebView 低于 90 版本的机型加载失败（主要是老款华为、OPPO），还在和客户端、支付组确认。",
            "impact": "约 14% 的安卓用户打不开支付页；会员转化从 4.3% 掉到 3.5%，按目前流量每天少约 110 单；挑战专享价的效果也被拖累。",
            "severity": "critical",
            "urgency": "high",
            "status": "open",
            "solution": "短期：低版本 WebView 回退到旧支付页（客户端灰度中）；长期：支付页改为原生实现。",
            "alternatives": "回滚整个支付 SDK：会丢掉新上的分期付款，财务不同意；提示用户升级系统 WebView：对用户太麻烦，流失更多。",
        },
        body="""
## 背景
五天前支付 SDK 升级，前天起安卓会员转化明显下降。

## 原因（初步）
- 系统 WebView < 90 的机型加载新支付页失败
- 测试机都是新机型，没覆盖到

## 影响
- 约 14% 安卓用户无法付费
- 会员转化 4.3% → 3.5%，每天约少 110 单

## 考虑过的方案
1. 回滚整个 SDK —— 丢掉分期付款
2. 提示升级 WebView —— 用户成本太高
3. **低版本回退旧支付页，长期改原生** ✅（进行中）

## 解决方案
回退方案已灰度 10%，明天看数据再放量。

## 结果
待定。
""",
    )
    s.add(
        5, "collab", "拉客户端和支付组开白屏排查会", tags=("转化", "bug", "会员"), links=("p_paywall",), hour=16,
        fields={"people": "客户端（老王）、支付组、商业化（Lily）", "project": "会员支付页", "result": "定位到 WebView 版本问题；回退方案当晚灰度 10%"},
        body="""
## 会议结论
1. 问题范围：WebView < 90，约占安卓活跃设备 14%
2. 当晚先灰度 10% 回退方案，观察崩溃率和支付成功率
3. 测试机型清单补 6 款老机型

## 待办
- 老王：明天中午前出灰度数据
- 我：每天同步一次转化数据到群里
""",
    )
    s.add(
        3, "note", "Paywall fallback at 10%: conversion on affected devices back to 3.9%", tags=("转化", "会员"),
        body="""
## Done
- Compared the 10% fallback group with the rest of the affected devices: payment success 96% vs 0%
- Asked the client team to go to 50% tomorrow

## Feedback
Finance wants a daily estimate of lost orders until this is closed — added it to my stand-up notes.
""",
    )


def _other_problems(s: _Story) -> None:
    s.add(
        18, "problem", "社群晚间打卡提醒重复发送", key="p_bot",
        tags=("社群", "活动"), updated_offset=16,
        fields={
            "cause": "社群机器人的定时任务在服务器重启后被注册了两次。",
            "impact": "40 个挑战群每晚收到两条一样的提醒，群里有人吐槽，但没有退群。",
            "severity": "low",
            "urgency": "medium",
            "status": "resolved",
            "solution": "删掉重复任务，机器人加「同一群同一内容 10 分钟内只发一次」的限制。",
            "alternatives": "改为手动发送：40 个群人工发不现实。",
            "resolved_on": s.day(16),
        },
        body="""
## 背景
挑战进行到第 12 天，群里开始出现重复的晚间提醒。

## 原因
机器人服务重启后，定时任务被注册了两次。

## 影响
体验问题，未见退群。

## 解决方案
去重 + 发送频率限制。

## 结果
两天内解决，之后没有再出现。
""",
    )
    s.add(
        15, "problem", "Help center still describes the old onboarding", tags=("onboarding", "客服"),
        fields={
            "cause": "Help articles are owned by nobody since the support lead left; the onboarding changes never reached them.",
            "impact": "A few confused tickets a week; new users who read the FAQ look for steps that no longer exist.",
            "severity": "low",
            "urgency": "low",
            "status": "open",
            "solution": "Rewrite the five onboarding articles and add 'update the help center' to the release checklist.",
            "alternatives": "Remove the articles: support relies on them for links.",
        },
        body="""
## Background
Support forwarded tickets quoting FAQ steps that were removed in onboarding v3.

## Cause
No owner for the help center.

## Impact
Low, but it makes every future onboarding change look broken.

## Solution
Rewrite the five articles; release checklist gets a help-center line.
""",
    )


def _market(s: _Story) -> None:
    s.add(
        80, "market", "竞品「动力圈」上线 AI 私教，免费体验 7 天", tags=("竞品", "会员"),
        fields={"scope": "competitor", "subject": "动力圈", "source": "应用商店更新日志 + 自己体验", "impact_on_us": "medium"},
        body="""
## 看到了什么
- 训练中实时语音纠正动作，需要开摄像头
- 免费 7 天后转会员，价格和我们差不多

## 体验
识别准确度一般，深蹲还行，瑜伽基本识别不了。但「AI 私教」这个卖点在素材里很好用。

## 对我们的影响
中等。短期抢不走核心用户，但会抬高新用户对「个性化」的预期。
""",
    )
    s.add(
        62, "market", "信息流广告 CPM 同比上涨，健身类尤其明显", tags=("行业", "渠道"),
        fields={"scope": "industry", "subject": "信息流广告价格", "source": "代理商季度报告", "impact_on_us": "medium"},
        body="""
## 要点
- 代理商报告：短视频平台 CPM 同比上涨约 20%，健身、减脂类目涨幅更高
- 原因：更多品牌转向效果广告，旺季提前

## 对我们的影响
下季度的 CAC 预算要留出余量，不能只押一个渠道。
""",
    )
    s.add(
        47, "market", "监管对 App 营销推送和开屏广告的要求在收紧", tags=("政策", "push"),
        fields={"scope": "policy", "subject": "App 营销推送与弹窗规范", "source": "行业媒体报道、法务同事转发", "impact_on_us": "low"},
        body="""
## 要点
- 营销类推送要能让用户方便地单独关闭
- 开屏和弹窗广告不得误导点击、不得难以关闭

## 对我们的影响
我们的设置页已经能单独关营销推送；开屏没有广告。和法务确认了一遍，暂时不用改，但推送策略以后要把「可关闭」写进规范。
""",
    )
    s.add(
        27, "market", "Survey: most users want 10–15 minute workouts on weekdays", tags=("用户研究", "留存"),
        fields={"scope": "consumer", "subject": "Workout length preferences", "source": "In-app survey, n = 1,240", "impact_on_us": "medium"},
        body="""
## Findings
- 64% prefer 10–15 minutes on weekdays; 30–45 minutes only at weekends
- "No time after work" is the top reason for skipping (41%)

## What it means for us
- The 15-minute format of the challenge fits; make it the default for new users' first week
- Ad creatives about "after-work 15 minutes" match the real need
""",
    )
    s.add(
        13, "market", "FitNow 推出家庭会员（3 人共享）", tags=("竞品", "会员", "转化"),
        fields={"scope": "competitor", "subject": "FitNow", "source": "对方公众号推文", "impact_on_us": "medium"},
        body="""
## 看到了什么
- 3 人共享，价格是单人的 1.6 倍
- 主打「和家人一起练」

## 对我们的影响
和挑战复盘的发现一致：一起练是强需求。可以考虑「小队会员」，先记在下季度计划里。
""",
    )
    s.add(
        4, "market", "Search ads in health & fitness get pricier ahead of year-end", tags=("渠道", "aso", "cac"),
        fields={"scope": "industry", "subject": "App store search ads", "source": "Agency weekly note", "impact_on_us": "medium"},
        body="""
## What we see
- Average cost per tap on our top 20 keywords up 12% in two weeks
- Year-end "new me" season starts earlier every year

## Impact on us
Part of the budget moved from Douyin to search ads now costs more; the channel reallocation review should use this week's prices, not last month's.
""",
    )


def _collab(s: _Story) -> None:
    s.add(
        50, "collab", "周会：留存看板正式上线，全组统一口径", tags=("留存", "数据分析"),
        fields={"people": "数据组（周敏）、产品组、运营组", "project": "留存看板", "result": "D1/D7/D30 统一按注册 cohort 计算，周报只用看板数字"},
        body="""
## 背景
之前运营和产品各算各的留存，数字对不上。

## 约定
- 留存一律按注册 cohort，自然日
- 周报、复盘只引用看板里的数字
- 口径变化要在看板首页写更新说明
""",
    )
    s.add(
        16, "collab", "文案规范：标题里别用 [重要]、[/] 这类方括号", tags=("push", "文案"),
        fields={"people": "运营组、设计组", "project": "推送与站内信文案规范", "result": "规范 v1 发到群里，推送模板加了检查"},
        body="""
## 起因
有同事在推送标题里写了 `[bold red]限时[/bold red]`，想加粗，结果用户看到的是原样的方括号；还有人用 [/] 当分隔符。

## 规范
- 标题不用任何方括号标记，强调靠措辞
- 表情最多一个
- 上线前在测试机上看一眼真机效果
""",
    )
    s.add(
        10, "collab", "Weekly sync with product: next sprint's growth items", tags=("onboarding", "转化"),
        move_off_weekend=False,
        fields={"people": "Product (Jay), Data (Zhou Min)", "project": "Sprint planning", "result": "Paywall fallback first; 15-minute default plan for new users second; team membership parked for next quarter"},
        body="""
## Agenda
1. Paywall blank page — top priority until fixed
2. Make the 15-minute plan the default in the first week (survey + challenge data)
3. Team membership idea (after FitNow's family plan)

## Decisions
- (1) and (2) this sprint, (3) goes into next quarter's planning
""",
    )


def _learning(s: _Story) -> None:
    s.add(
        78, "learning", "Reading notes: Hacking Growth, chapters on retention", tags=("学习", "留存"),
        fields={"skill": "Retention analysis", "source": "Book: Hacking Growth (Sean Ellis, Morgan Brown)"},
        body="""
## Notes
- Retention has phases: initial, medium, long-term — each needs different levers
- Find the "aha moment" first, then shorten the path to it

## For us
Our aha moment is probably "finished the second workout". Check the data: D30 of users who finish two workouts in week one vs one.
""",
    )
    s.add(
        57, "learning", "SQL window functions for cohort retention", tags=("学习", "数据分析", "sql"),
        fields={"skill": "SQL", "source": "Internal data wiki + practice on the warehouse"},
        body="""
## What I learned
- `first_value()` over a partition gives each user's signup day without a self-join
- Counting active users per cohort and day offset is then one `GROUP BY`

## Why it matters
I can check a retention hunch myself in ten minutes instead of filing a request to the data team.
""",
    )
    s.add(
        41, "learning", "参加增长沙龙：关于留存的「关键行为」", tags=("学习", "留存"),
        fields={"skill": "留存分析", "source": "线下增长沙龙"},
        body="""
## 收获
- 找关键行为：对比留下来和流失的用户，在第一周做过什么不一样的事
- 关键行为要可干预：「完成第二节课」比「连续登录 5 天」好干预

## 对我们
和读书笔记里的猜测一致，回去用 SQL 验证一下。
""",
    )
    s.add(
        24, "learning", "读《上瘾》：触发、行动、奖励、投入", tags=("学习", "留存", "push"),
        fields={"skill": "产品心理学", "source": "书：《上瘾》"},
        body="""
## 笔记
- 外部触发（推送）只是开始，要慢慢变成内部触发（「下班了，练一会」）
- 多变的奖励比固定的奖励更能留住人
- 用户投入越多（训练记录、小队），越不容易离开

## 对我们
推送轰炸的教训正好反过来印证：外部触发用力过猛会把人推走。
""",
    )
    s.add(
        14, "learning", "学 A/B 实验的样本量计算", tags=("学习", "a/b", "数据分析"),
        fields={"skill": "实验设计", "source": "在线课程 + 数据组分享"},
        body="""
## 要点
- 基线转化越低、想检测的提升越小，需要的样本越多
- 会员转化 4% 想测出 +0.5pt，每组大约要 2.5 万用户

## 应用
专享价实验的样本量够不够，下周算一下。
""",
    )
    s.add(
        2, "learning", "Notes: writing push copy that respects the user", tags=("学习", "push", "文案"),
        move_off_weekend=False,
        fields={"skill": "Copywriting", "source": "Team workshop"},
        body="""
## Notes
- One message, one action; no fake urgency
- Name what the user did ("your 3-day streak"), not what we want
- Read it aloud at 22:00: would it annoy you? Then don't send it

## Next
Rewrite the five standing push templates before the year-end campaign.
""",
    )


def _plans(s: _Story) -> None:
    s.add(
        2, "plan", "年终「燃烧卡路里」活动方案", tags=("活动", "拉新", "留存"), move_off_weekend=False,
        fields={"due": s.day(-24), "owner": AUTHOR},
        body="""
## 思路
- 沿用挑战的小队机制，缩短为 14 天
- 一半奖品预算改成社群运营
- 每周休息一天，第 7 天中场鼓励

## 要准备
- 课程排期（内容组）
- 素材 10 条（设计）
- 推送日历：守住频率上限
""",
    )
    s.add(
        1, "plan", "Review the channel reallocation with finance", tags=("渠道", "cac", "复盘"),
        move_off_weekend=False, links=("s_channel",),
        fields={"due": s.day(-3), "owner": AUTHOR},
        body="""
- Bring: CAC by channel for the last four weeks, new users per day, this week's search-ad prices
- Decide: keep the 42 / 24 / 34 split, or move more to Xiaohongshu KOC
""",
    )
    s.add(
        1, "plan", "支付页原生化需求评审", tags=("转化", "会员", "bug"), move_off_weekend=False, links=("p_paywall",),
        fields={"due": s.day(-7), "owner": "客户端 老王"},
        body="""
- 需求：支付页从 H5 改为原生，彻底避开 WebView 兼容问题
- 需要商业化确认分期付款的原生接入排期
""",
    )
    s.add(
        0, "plan", "下季度增长目标拆解：新增、D7、会员转化", tags=("复盘", "留存", "拉新", "转化"),
        move_off_weekend=False, links=("plan_quarter",),
        fields={"due": s.day(-10), "owner": AUTHOR},
        body="""
## 先复盘本季度
- D7：21.1%，目标 22% 没达成（引导改版损失了三周）
- CAC：¥22.5，目标 ¥20 没达成（竞品 + 素材疲劳）
- 会员转化：挑战期达到 4.7%，但支付页问题拖回 3.9%

## 下季度草案
1. D7 22.5%：首周默认 15 分钟计划
2. CAC ¥21：三渠道配比 + 素材日历
3. 会员转化 4.8%：支付页原生化、小队会员
""",
    )


def _markup(s: _Story) -> None:
    """Text that looks like Rich markup, to prove it is always shown as typed."""
    s.add(
        9, "note", "Push template printed [bold] literally", tags=("push", "bug"), move_off_weekend=False,
        body="""
## Done
- The CMS preview showed `[bold]会员日[/]` instead of bold text: the template engine does not support markup
- Also found a title ending in a stray [/] — removed

## Feedback
Added a check to the push console: reject titles containing `[` … `]` tags. See the copy guideline written last week.
""",
    )


# Daily notes: what was done, with what, and what came back. Each template takes the story, the
# day's offset and its numbers, and returns (title, body, tags).

_Template = Callable[[_Story, int], tuple[str, str, tuple[str, ...]]]


def _n_daily_report(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    dau, new = s.number("dau", o), s.number("new_users", o, 0.06)
    return (
        f"数据日报：DAU {dau / 10_000:.1f} 万，新增 {new:,.0f}",
        f"""
## 今日执行
- 早会同步昨日数据：DAU {dau:,.0f}，新增 {new:,.0f}，付费渠道 CAC ¥{s.number('cac', o):.1f}
- 跟进了两个渠道的素材审核

## 反馈
和上周同一天比波动在正常范围内。
""",
        ("dau", "拉新"),
    )


def _n_community(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    groups = s.rng.randrange(18, 46)
    rate = s.rng.uniform(22, 38)
    return (
        f"社群运营：{groups} 个训练群早晚打卡",
        f"""
## 今日执行
- {groups} 个群的早晚打卡提醒，平均打卡率 {rate:.0f}%
- 挑了 3 位打卡最稳定的用户，约了下周做访谈

## 资源
- 志愿者群主 {s.rng.randrange(8, 20)} 人在线

## 反馈
有用户建议晚上加一节 10 分钟的拉伸课。
""",
        ("社群", "留存"),
    )


def _n_creatives(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    count = s.rng.randrange(3, 9)
    return (
        f"整理本周投放素材 {count} 条",
        f"""
## 今日执行
- 下线了 {s.rng.randrange(1, 4)} 条 CTR 低于 1.5% 的素材
- 新上 {count} 条，其中「下班 15 分钟」方向 {s.rng.randrange(1, count)} 条

## 资源
- 设计组半天；投放预算日均 ¥{s.rng.randrange(55, 80)}00
""",
        ("渠道", "素材"),
    )


def _n_interviews(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    count = s.rng.randrange(3, 7)
    reasons = s.rng.sample(["工作太忙", "课程太难", "找不到想练的课", "忘了打开", "换了别的 App", "身体不舒服"], 3)
    return (
        f"电话回访 {count} 位 7 天未打开的用户",
        f"""
## 今日执行
- 回访 {count} 位流失用户，每人 10 分钟左右

## 反馈
流失原因（按提到次数）：
1. {reasons[0]}
2. {reasons[1]}
3. {reasons[2]}

记到用户研究表里，月底汇总。
""",
        ("留存", "用户研究"),
    )


def _n_reviews(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    count = s.rng.randrange(15, 60)
    return (
        f"回复应用商店评论 {count} 条",
        f"""
## 今日执行
- 回复 {count} 条评论，差评 {s.rng.randrange(2, 9)} 条，大多是课程加载慢
- 把加载问题转给了客户端

## 反馈
评分稳定在 4.{s.rng.randrange(5, 8)}。
""",
        ("aso", "反馈"),
    )


def _n_push_copy(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    a, b = s.rng.uniform(3.2, 4.4), s.rng.uniform(3.6, 5.2)
    return (
        "训练提醒推送文案 A/B",
        f"""
## 今日执行
- A：「今天的 15 分钟留给自己」CTR {a:.1f}%
- B：「你的连续训练还差 1 天」CTR {b:.1f}%

## 结论
{"B 更好，下周全量" if b > a else "差别不大，再跑两天"}。频率上限之内发送。
""",
        ("push", "留存"),
    )


def _n_content(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    return (
        "和内容组排下周课程上新",
        f"""
## 今日执行
- 下周上新 {s.rng.randrange(4, 9)} 节课，体态类占一半（目标选择里选体态的用户比预想多）
- 首页 banner 排期

## 反馈
内容组希望运营提前两周给需求，已经记到周会议程里。
""",
        ("内容", "留存"),
    )


def _n_member(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    conv = s.number("conversion_rate", o, 0.04)
    return (
        f"会员转化 {conv:.1f}%：看了会员页热力图",
        f"""
## 今日执行
- 会员页热力图：价格区和「课程预览」点击最多
- 会员转化 {conv:.2f}%

## 下一步
把用户评价模块挪到价格区上方试一试。
""",
        ("转化", "会员"),
    )


def _n_weekly(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    dau = sum(s.number("dau", o + i) for i in range(5)) / 5
    return (
        f"周报：DAU 周均 {dau / 10_000:.1f} 万，D7 {s.number('d7_retention', o, 0.01):.1f}%",
        f"""
## 本周数据
| 指标 | 本周 |
|---|---|
| DAU（周均） | {dau:,.0f} |
| 日均新增 | {s.number('new_users', o, 0.04):,.0f} |
| D7 留存 | {s.number('d7_retention', o, 0.01):.1f}% |
| 会员转化 | {s.number('conversion_rate', o, 0.03):.2f}% |

## 本周做了什么
- 素材迭代、社群运营、用户回访照常

## 下周重点
盯住季度三件事，优先处理拖后腿的那一项。
""",
        ("复盘", "dau", "留存"),
    )


def _e_funnel(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    first = s.rng.uniform(58, 66)
    return (
        f"Funnel check: signup → first workout {first:.0f}%",
        f"""
## Done
- Signup → first workout: {first:.1f}%
- First workout → second workout within 3 days: {s.rng.uniform(38, 52):.0f}%

## Feedback
The second workout is where people drop. Worth a reminder on day 2.
""",
        ("onboarding", "留存"),
    )


def _e_asa(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    paused = s.rng.randrange(3, 12)
    return (
        f"Search ads: paused {paused} low-intent keywords",
        f"""
## Done
- Paused {paused} keywords with CPA above ¥40 and no trial starts
- Raised bids on "home workout" and "15 minute workout"

## Resources
- Search ads console, last 14 days of data
""",
        ("渠道", "aso", "拉新"),
    )


def _e_push_calendar(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    return (
        "Drafted next week's push calendar",
        f"""
## Done
- {s.rng.randrange(4, 8)} marketing pushes for the week, none on the same day
- Checked every send against quiet hours (22:00–08:00)

## Feedback
Content team wants one slot for the new posture classes — added on Thursday.
""",
        ("push",),
    )


def _e_utm(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    return (
        "Cleaned up UTM tags for creator links",
        f"""
## Done
- {s.rng.randrange(12, 40)} creator links had inconsistent campaign names; unified them
- Attribution for last week's creator posts is now readable in the dashboard
""",
        ("渠道", "数据分析"),
    )


def _e_numbers(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    return (
        f"Daily numbers: DAU {s.number('dau', o):,.0f}, conversion {s.number('conversion_rate', o, 0.04):.2f}%",
        f"""
## Done
- Morning check of the dashboard; nothing unusual
- New users {s.number('new_users', o, 0.06):,.0f}, paid-channel CAC ¥{s.number('cac', o):.1f}
""",
        ("dau", "转化"),
    )


def _w_weekend(s: _Story, o: int) -> tuple[str, str, tuple[str, ...]]:
    options = [
        ("周末：体验了几个竞品的新功能", "## 记录\n- 看了两个竞品的首页改版\n- 都在推「短时训练」，和我们的调研一致\n", ("竞品",)),
        ("周末：整理下周的待办", "## 下周\n1. 周报\n2. 素材复盘\n3. 回访流失用户\n", ("复盘",)),
        ("Weekend: tidied the campaign backlog", "## Done\n- Closed stale ideas, ranked the rest by expected impact\n", ("活动",)),
        ("周末群里答疑", "## 记录\n- 挑战群里有人问饮食搭配，转给了内容组的营养师\n", ("社群",)),
    ]
    return s.rng.choice(options)


_ZH_NOTES: tuple[_Template, ...] = (
    _n_daily_report, _n_community, _n_creatives, _n_interviews, _n_reviews, _n_push_copy, _n_content, _n_member,
)
_EN_NOTES: tuple[_Template, ...] = (_e_funnel, _e_asa, _e_push_calendar, _e_utm, _e_numbers)


def _daily_notes(s: _Story) -> None:
    """Notes on most working days, every day of the streak, none on the day before it."""
    curated = s.offsets_used()
    last: _Template | None = None
    for offset in range(DAYS - 1, -1, -1):
        if offset == STREAK_DAYS:
            continue
        weekend = s.day(offset).weekday() >= 5
        in_streak = offset < STREAK_DAYS
        if weekend:
            if in_streak and offset not in curated:
                title, body, tags = _w_weekend(s, offset)
                s.add(offset, "note", title, body, tags=tags, hour=s.rng.randrange(10, 17), move_off_weekend=False)
            continue
        chance = 0.6 if offset in curated else 0.93
        if not in_streak and s.rng.random() > chance:
            continue
        if in_streak and offset in curated and s.rng.random() > 0.5:
            continue
        if s.day(offset).weekday() == 4 and s.rng.random() < 0.8:
            template = _n_weekly
        else:
            pool = _ZH_NOTES if s.rng.random() < 0.62 else _EN_NOTES
            template = s.rng.choice([t for t in pool if t is not last])
        last = template
        title, body, tags = template(s, offset)
        s.add(offset, "note", title, body, tags=tags, move_off_weekend=False)


# Story sections first, then the daily notes around them. Add a function here to extend the demo.
_SECTIONS: tuple[Callable[[_Story], None], ...] = (
    _kickoff,
    _onboarding,
    _push,
    _channels,
    _challenge,
    _paywall,
    _other_problems,
    _market,
    _collab,
    _learning,
    _plans,
    _markup,
    _daily_notes,
)


def build_demo_entries(today: dt.date, seed: int = 7) -> list[Entry]:
    """About twelve weeks of entries ending on ``today``, with ids 1..N in chronological order."""
    story = _Story(today, seed)
    for section in _SECTIONS:
        section(story)
    return story.entries()


# ---------------------------------------------------------------------------------------------
# Metrics and goals: the numbers behind the notes, and the quarter's goals.


@dataclasses.dataclass(frozen=True)
class _MetricSpec:
    key: str
    name: str
    unit: str
    direction: str
    aggregation: str
    description: str
    spread: float
    """Daily noise, as a share of the value (uniform, ±)."""
    digits: int


_METRICS: tuple[_MetricSpec, ...] = (
    _MetricSpec("new_users", "新增用户", "人", "up", "sum", "每天新注册的用户数（全渠道）。", 0.04, 0),
    _MetricSpec("dau", "日活 DAU", "人", "up", "mean", "当天打开过 App 的用户数。", 0.012, 0),
    _MetricSpec("mau", "月活 MAU", "人", "up", "last", "最近 30 天打开过 App 的用户数。", 0.003, 0),
    _MetricSpec("d1_retention", "次日留存", "%", "up", "mean", "注册 cohort 第二天仍打开的比例（看板口径）。", 0.012, 1),
    _MetricSpec("d7_retention", "D7 留存", "%", "up", "mean", "注册 cohort 第 7 天仍打开的比例（看板口径）。", 0.01, 1),
    _MetricSpec("conversion_rate", "会员转化率", "%", "up", "mean", "当天活跃用户中开通会员的比例。", 0.025, 2),
    _MetricSpec("revenue", "会员收入", "元", "up", "sum", "当天会员收入（新开通 + 续费）。", 0.03, 0),
    _MetricSpec("churn_rate", "会员月流失率", "%", "down", "mean", "到期未续费的会员占比（滚动 30 天）。", 0.02, 2),
    _MetricSpec("cac", "获客成本 CAC", "元", "down", "mean", "付费渠道花费 ÷ 付费渠道新增。", 0.02, 1),
)

# Notes on a few measurements: what the number was about.
_MEASUREMENT_NOTES = {
    ("d7_retention", 66): "v3 引导上线后的 cohort",
    ("d7_retention", 46): "目标选择步骤全量",
    ("dau", 56): "push blast, day one",
    ("cac", 35): "抖音竞价被抬高",
    ("conversion_rate", 5): "支付页白屏（部分安卓机型）",
    ("cac", 0): "年底搜索广告涨价",
}

LAST_DAY_CALM = 0.3
"""Today's values get this share of the usual noise, so that the one move the story makes today
(CAC) is the only one that stands out."""


def build_demo_metrics(today: dt.date, seed: int = 7) -> tuple[list, list[tuple[str, str, float, str, str]]]:
    """The demo's metrics and their daily values from 83 days ago to ``today`` (the numbers the
    notes quote, with a little noise): ``(metrics, rows)``, rows as ``(metric, ISO day, value,
    note, source)``. Deterministic per (today, seed); its own random stream, so the entries do not
    change when metrics are added."""
    from growthlog.models import Metric

    rng = random.Random(f"{today.isoformat()}/{seed}/metrics")
    created = dt.datetime.combine(today - dt.timedelta(days=DAYS - 1), dt.time(9, 0))
    metrics = [
        Metric(key=m.key, name=m.name, unit=m.unit, direction=m.direction, aggregation=m.aggregation,
               description=m.description, created=created + dt.timedelta(minutes=i))
        for i, m in enumerate(_METRICS)
    ]
    rows = []
    for spec in _METRICS:
        for offset in range(DAYS - 1, -1, -1):
            spread = spec.spread * (LAST_DAY_CALM if offset == 0 else 1)
            value = round(trend(spec.key, offset) * (1 + rng.uniform(-spread, spread)), spec.digits)
            note = _MEASUREMENT_NOTES.get((spec.key, offset), "")
            day = (today - dt.timedelta(days=offset)).isoformat()
            rows.append((spec.key, day, float(value), note, "manual" if note else "import"))
    return metrics, rows


@dataclasses.dataclass
class DemoGoal:
    """A goal of the demo with its place in the tree (``parent``: another DemoGoal's key) and its
    check-ins as ``(offset, value, confidence, note)``."""

    key: str
    goal: Any
    parent: str | None = None
    checkins: list[tuple[int, float | None, str, str]] = dataclasses.field(default_factory=list)


def build_demo_goals(today: dt.date) -> list[DemoGoal]:
    """The quarter's goals, long-term ones first: one achieved, one on track (ready to be marked
    achieved), one at risk tracked by check-ins, one off track, one overdue, one without a due
    date (and without a reason or description: the SMART check has things to say), one dropped,
    and a long-term goal measured through its short-term ones."""
    from growthlog.models import Goal

    def day(offset: int) -> dt.date:
        return today - dt.timedelta(days=offset)

    def goal(start: int, **values: Any) -> Goal:
        stamp = dt.datetime.combine(day(start), dt.time(10, 30))
        return Goal(start=day(start), created=stamp, updated=stamp, **values)

    return [
        DemoGoal("dau", goal(
            83, title="年底 DAU 达到 13.6 万", horizon="long", tags=["dau", "留存"], metric="dau", baseline=118_000, target=136_000, due=day(-40),
            description="日活从季度初的 11.8 万提到 13.6 万：拉新稳住、新用户留得住、老用户不被打扰走。",
            why="DAU 是会员转化和口碑的基础；明年的内容投入按 DAU 规模定预算。",
        ), checkins=[(55, None, "at-risk", "推送轰炸后的 DAU 增长是虚的，两天就回落了"),
                     (27, None, "on-track", "拉新恢复，DAU 稳步上涨"),
                     (3, None, "at-risk", "按现在的斜率到年底差一点，年终活动要补上")]),
        DemoGoal("member", goal(
            40, title="会员业务：让付费成为习惯", horizon="long", tags=["会员"], due=day(-40),
            description="会员转化和续费都要提升：从「试一试」变成「离不开」。",
            why="会员收入占总收入的 70%，广告收入明年会继续下降。",
        )),
        DemoGoal("d7_fix", goal(
            63, title="修复引导改版后的 D7 留存下滑", tags=["留存", "onboarding"], metric="d7_retention", baseline=17.9,
            target=20.5, due=day(35), status="achieved",
            description="新手引导 v3 之后 D7 掉到 17.9%，恢复目标选择后回到 20.5% 以上。",
            why="季度 D7 目标 22% 的前提；新用户首周体验决定会员转化。",
        ), parent="dau", checkins=[(56, 17.8, "at-risk", "A/B 刚开始，实验组样本还少"),
                                   (49, 20.2, "on-track", "实验组 D7 回到 20% 以上"),
                                   (44, 20.9, "on-track", "全量后稳定在 21% 左右，目标达成")]),
        DemoGoal("new_users", goal(
            31, title="渠道调整后日新增回到 3,500 以上", tags=["渠道", "拉新"], metric="new_users", baseline=3_000, target=3_500, due=day(-10),
            description="抖音预算降 30% 之后，靠小红书 KOC 和搜索广告把日新增拉回 3,500。",
            why="新增掉下去两周后就会拖累 DAU。",
        ), parent="dau", checkins=[(24, 3_420, "on-track", "KOC 第一批笔记起量"),
                                   (10, 3_790, "on-track", "连续两周在 3,700 以上")]),
        DemoGoal("koc", goal(
            31, title="签约 30 位小红书 KOC", tags=["渠道", "小红书"], target=30, due=day(-12),
            description="腰部博主（1–10 万粉），健身、减脂、体态方向各约三分之一。",
            why="小红书 KOC 的 CAC 只有抖音的一半，是渠道调整的主力。",
        ), parent="dau", checkins=[(28, 6, "on-track", "第一批 6 位签完"),
                                   (21, 11, "on-track", ""),
                                   (14, 15, "at-risk", "第二批谈判慢，报价比预期高"),
                                   (7, 18, "at-risk", ""),
                                   (1, 20, "at-risk", "年底博主档期紧，可能要加预算")]),
        DemoGoal("d7_quarter", goal(
            83, title="本季度 D7 留存提到 22%", tags=["留存"], metric="d7_retention", baseline=21.4, target=22, due=day(2),
            description="新用户 D7 留存从 21.4% 提到 22%（注册 cohort，自然日）。",
            why="季度三件事之一：留存是会员转化的前提。",
        ), parent="dau", checkins=[(66, 17.9, "off-track", "引导改版，D7 大跌"),
                                   (30, 21.1, "at-risk", "恢复到改版前，但离 22% 还差")]),
        DemoGoal("conversion", goal(
            40, title="会员转化率提到 4.5%", tags=["转化", "会员"], metric="conversion_rate", baseline=4.2, target=4.5, due=day(-10),
            description="大盘会员转化从 4.2% 提到 4.5%：挑战活动 + 完成者专享价。",
            why="季度三件事之一；会员收入的最大杠杆。",
        ), parent="member", checkins=[(20, 4.7, "on-track", "挑战期间 4.7%"),
                                      (4, 3.5, "off-track", "支付页白屏，安卓转化掉了 1.3pt")]),
        DemoGoal("churn", goal(20, title="降低会员月流失率", tags=["会员"], metric="churn_rate", target=5.0), parent="member"),
        DemoGoal("family", goal(
            13, title="推出家庭会员（3 人共享）", tags=["会员", "活动"], status="dropped",
            description="参考 FitNow 的家庭会员，做 3 人共享的会员套餐。",
            why="挑战复盘发现「一起练」是强需求。",
        ), parent="member", checkins=[(10, None, "off-track", "周会决定放到下季度，改做小队会员")]),
    ]


def fill_demo_goals(store, today: dt.date, seed: int = 7) -> None:
    """Define the demo's metrics with their values, then its goals and check-ins."""
    from growthlog.models import CheckIn

    metrics, rows = build_demo_metrics(today, seed)
    store.import_measurements(metrics, rows)
    ids: dict[str, int] = {}
    for item in build_demo_goals(today):
        goal = item.goal
        if item.parent is not None:
            goal = goal.model_copy(update={"parent_id": ids[item.parent]})
        saved = store.add_goal(goal)
        ids[item.key] = saved.id
        for offset, value, confidence, note in item.checkins:
            day = today - dt.timedelta(days=offset)
            store.add_checkin(CheckIn(goal_id=saved.id, day=day, value=value, confidence=confidence, note=note,
                                      created=dt.datetime.combine(day, dt.time(18, 0))))


DEMO_REVIEW = {
    "summary": (
        "这个冲刺的主线是 21 天打卡挑战和会员专享价。挑战本身很成功：完成者的会员转化是大盘的两倍多；"
        "但专享价上线后转化不升反降，加上 11 月中旬安卓支付页白屏，会员收入两周掉了一成多。\n"
        "Retention held; the paywall is where this sprint was lost."
    ),
    "went_well": (
        "- 挑战的社群陪伴：「有人一起练」是用户提到最多的理由\n"
        "- 推送重复发送的问题两天内定位并修复\n"
        "- Weekly sync with product kept the paywall fix at the top of the list"
    ),
    "to_improve": (
        "- 专享价没有做 A/B 就全量：又一次忘了「先灰度」这条经验\n"
        "- 支付页白屏从出现到拉会排查用了两天，告警要接到会员收入上\n"
        "- 抖音 CAC 的问题开了一个月还没有结论"
    ),
    "plan": (
        "支付页白屏修复后，安卓会员转化回到 4.5%\n"
        "专享价改为 A/B 实验：50% 流量，跑满两周\n"
        "会员收入告警：日环比下降 10% 即通知\n"
        "Decide on the Douyin budget by the end of the sprint"
    ),
}
"""The written part of the demo's saved review of the sprint before today's."""


def fill_demo_review(store, today: dt.date, sprint=None) -> None:
    """Save a review of the last finished sprint (``sprint``: how sprints are cut; the default two
    weeks from a Monday), written a day after it ended, with the numbers of that day."""
    from growthlog.models import Review
    from growthlog.services.periods import SprintRule, period_of
    from growthlog.services.review import build_report

    current = period_of("sprint", today, sprint or SprintRule())
    finished = current.shifted(-1)
    written_on = min(finished.end + dt.timedelta(days=1), today)
    stamp = dt.datetime.combine(written_on, dt.time(17, 30))
    report = build_report(store, finished, written_on)
    store.save_review(Review(
        period_kind="sprint", start=finished.start, end=finished.end, report=report.to_json_dict(),
        generated=stamp, created=stamp, updated=stamp, **DEMO_REVIEW,
    ), touch=False)


def fill_demo(store, today: dt.date, seed: int = 7, progress=None, sprint=None) -> int:
    """Add the demo entries to an empty store in one transaction, then its metrics (with twelve
    weeks of daily values), goals and check-ins, and a saved review of the last finished sprint;
    returns how many entries were added.

    The entries carry their own ids (links refer to them), so the store must be empty.
    """
    if store.count_entries():
        raise ValueError("demo data goes into an empty database")
    entries = build_demo_entries(today, seed)
    store.add_entries(entries, progress)
    fill_demo_goals(store, today, seed)
    fill_demo_review(store, today, sprint)
    return len(entries)
