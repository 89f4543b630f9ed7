"""Measure growthlog against the quality bars of DESIGN.md on a large database.

    python tui/scripts/benchmark.py [--entries 100000] [--db PATH] [--keep] [--strict]

Builds a database of N realistic entries (titles, 100–1,000-character bodies, tags, two thirds
Chinese, spread over ten years) with raw inserts in one transaction, plus 20 metrics with a value
every day for ten years (through ``Store.record_many``) and 50 goals (``Store.add_goal``; ten
long-term goals holding four short-term ones each), then measures:

* ``growthlog add`` wall time, as a real subprocess (``python -m growthlog`` and the console script);
* search in the store (query + first page of entries) for Chinese and English queries of every length;
* a journal page: count + one page of 100 at the start, the middle and the end;
* the app's first frame and a mode switch, in a fresh process (cold imports, its own memory);
* CSV import of metric values: a 200,000-row long CSV (date,metric,value) planned and applied
  (``services.metric_import``) into the large database, once as new values and once replacing them
  all; the metrics it defines are removed afterwards, so a reused database stays as it was;
* the whole log as growthlog's JSON, and that file imported back into the same database (a merge
  that finds every record there already, the sync of a laptop that changed nothing), in a fresh
  process with its own memory;
* peak memory (``resource.getrusage``).

Prints a Markdown table (paste it into the README). Exits 1 when a bar is missed only with
``--strict``: timings depend on the machine, so the default is to report, not to judge.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import growthlog  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from growthlog.store.db import open_database
from growthlog.store.rows import insert_row, make_row

# The journal's numbers (screens/journal.py SEARCH_LIMIT, widgets/entry_list.py PAGE_SIZE), kept
# here so that measuring the store does not import textual.
SEARCH_LIMIT = 1000
PAGE_SIZE = 100

BAR_ADD_MS = 150
BAR_SEARCH_MS = 50
BAR_FIRST_FRAME_MS = 500
BAR_MODE_SWITCH_MS = 100
BAR_MEMORY_MB = 200
BAR_CSV_ROWS_PER_S = 100_000
BAR_REVIEW_MS = 500
BAR_JSON_EXPORT_PER_S = 50_000
BAR_JSON_IMPORT_PER_S = 20_000
BAR_JSON_IMPORT_MB = 150

METRIC_DAYS = 3650
GOALS = 50
CSV_ROWS = 200_000
CSV_METRICS = 20
CSV_PREFIX = "csv_bench_"

RARE_ZH = "雪豹"  # a two-character term in a handful of entries: the short-term scan finds few
RARE_EN = "zanzibar"
RARE_COUNT = 25

# ---------------------------------------------------------------------------------------------
# Synthetic entries. Written for this benchmark; the vocabulary of an operations log.

ZH_TITLES = [
    "复盘本周{x}数据", "{x}活动第{n}天", "{x}渠道投放调整", "和产品组对齐{x}需求", "{x}下滑原因排查",
    "用户访谈：{x}", "周报：{x}与转化", "{x}素材更新{n}条", "社群运营：{x}", "读书笔记：{x}",
    "竞品观察：{x}", "{x}策略调整", "会员转化率{x}", "新手引导{x}实验", "推送文案{x}测试",
]
ZH_TOPICS = ["留存", "拉新", "转化", "日活", "新增", "会员", "推送", "渠道", "社群", "打卡", "获客成本", "复购", "召回", "裂变", "内容"]
ZH_SENTENCES = [
    "早会同步了昨天的核心数据，整体波动在正常范围内。",
    "按注册日期拆分用户群，对比改版前后的七日留存。",
    "和设计一起过了一遍新素材，挑出三条先上线测试。",
    "回访了几位一周没打开的用户，主要原因是工作太忙。",
    "渠道的获客成本连续三天上涨，需要重新分配预算。",
    "活动报名人数超出预期，社群志愿者有点不够用。",
    "推送的点击率比上周高，但退订率也跟着上升了。",
    "会员页的热力图显示价格区域的点击最多。",
    "竞品上线了新的家庭套餐，主打和家人一起练习。",
    "用户增长策略需要兼顾短期数据和长期留存。",
    "下周的重点是把转化率拉回到季度目标附近。",
    "数据组帮忙加了新的看板维度，可以按版本筛选。",
    "客服反馈的问题集中在加载速度和支付失败。",
    "这次实验样本量不够，结论先不下，再跑一周。",
    "新手引导减少了一步，注册完成率有明显提升。",
    "应用商店的评分稳定，差评大多和课程难度有关。",
    "内容组下周上新六节课，体态类占了一半。",
    "和财务对了一遍预算，付费渠道的回报率还算健康。",
    "季度目标拆到每周，方便在周报里跟踪进度。",
    "把经验写进上线清单，避免同样的错误再犯。",
]
EN_TITLES = [
    "Weekly review: {x}", "{x} experiment, day {n}", "Channel budget: {x}", "Synced with product on {x}",
    "Why {x} dropped", "User interviews about {x}", "Push copy test: {x}", "Notes on {x}",
    "Competitor watch: {x}", "{x} funnel check",
]
EN_TOPICS = ["retention", "onboarding", "activation", "conversion", "referrals", "push", "paywall", "CAC", "DAU", "churn", "pricing", "community"]
EN_SENTENCES = [
    "Checked yesterday's numbers in the morning stand-up; nothing unusual.",
    "Split the signup cohorts by app version to compare day-7 retention.",
    "Reviewed eight new creatives with design and picked three to test first.",
    "Called five users who had not opened the app for a week.",
    "Paid-channel acquisition cost rose three days in a row; the budget needs another look.",
    "Sign-ups for the challenge beat the plan, and the community volunteers are stretched.",
    "Push click-through went up, but so did opt-outs, which is the number to watch.",
    "The paywall heatmap shows most taps on the price block and the class preview.",
    "A competitor launched a family plan aimed at training together.",
    "The sample is too small to call the experiment; running it another week.",
    "Onboarding lost one step and the signup completion rate went up noticeably.",
    "Support tickets cluster around slow loading and failed payments.",
    "Broke the quarter's goals down into weekly targets for the report.",
    "Wrote the lesson into the launch checklist so it is not repeated.",
]
TAGS_ZH = ["留存", "拉新", "转化", "活动", "渠道", "社群", "会员", "复盘", "竞品", "用户研究", "内容", "素材"]
TAGS_EN = ["dau", "push", "onboarding", "cac", "aso", "a/b", "paywall", "retention", "growth", "sql"]
KINDS = ["note"] * 10 + ["problem", "strategy", "lesson", "market", "collab", "learning", "plan"]


def _body(rng: random.Random, chinese: bool, length: int) -> str:
    sentences = ZH_SENTENCES if chinese else EN_SENTENCES
    parts: list[str] = []
    size = 0
    heading = "## 今日执行\n" if chinese else "## Done\n"
    parts.append(heading)
    size += len(heading)
    while size < length:
        line = "- " + rng.choice(sentences) + "\n"
        if rng.random() < 0.08:
            line = ("\n## 反馈\n" if chinese else "\n## Feedback\n") + line
        parts.append(line)
        size += len(line)
    return "".join(parts)[:length]


def synthetic_rows(count: int, seed: int = 1, end: dt.date | None = None):
    """``count`` entry rows, oldest first, spread over ten years ending on ``end``."""
    rng = random.Random(seed)
    end = end or dt.date.today()
    span = 3650
    rare_zh = set(rng.sample(range(count), min(RARE_COUNT, count)))
    rare_en = set(rng.sample(range(count), min(RARE_COUNT, count)))
    for number in range(count):
        day = end - dt.timedelta(days=span - 1 - (number * span) // count)
        chinese = rng.random() < 2 / 3
        if chinese:
            title = rng.choice(ZH_TITLES).format(x=rng.choice(ZH_TOPICS), n=rng.randrange(1, 30))
            tags = rng.sample(TAGS_ZH, rng.randrange(0, 3)) + rng.sample(TAGS_EN, rng.randrange(0, 2))
        else:
            title = rng.choice(EN_TITLES).format(x=rng.choice(EN_TOPICS), n=rng.randrange(1, 30))
            tags = rng.sample(TAGS_EN, rng.randrange(0, 3)) + rng.sample(TAGS_ZH, rng.randrange(0, 2))
        body = _body(rng, chinese, rng.randrange(100, 1001))
        if number in rare_zh:
            body += "\n- 顺便记一下：雪豹计划的素材下周交付。"
        if number in rare_en:
            body += "\n- Side note: the Zanzibar partnership slipped a week."
        created = dt.datetime.combine(day, dt.time(rng.randrange(8, 22), rng.randrange(60))).isoformat()
        kind = rng.choice(KINDS)
        yield make_row(
            day=day.isoformat(), kind=kind, title=title, body=body, tags=tags,
            author="bench", created=created, fields=_kind_fields(rng, kind, day),
        )


def _kind_fields(rng: random.Random, kind: str, day: dt.date) -> dict:
    """The fields a review reads: problems with severity, status and resolved_on; strategies with a
    metric and effective_on; lessons with an outcome."""
    if kind == "problem":
        status = rng.choice(["open", "mitigating", "resolved", "resolved", "resolved"])
        fields = {"severity": rng.choice(["low", "medium", "medium", "high", "critical"]), "status": status}
        if status == "resolved":
            fields["resolved_on"] = (day + dt.timedelta(days=rng.randrange(0, 30))).isoformat()
        return fields
    if kind == "strategy":
        return {"metric": rng.choice(BENCH_METRICS)[0], "effective_on": (day + dt.timedelta(days=rng.randrange(0, 8))).isoformat()}
    if kind == "lesson":
        return {"outcome": rng.choice(["success", "failure"])}
    return {}


def build_database(path: Path, count: int) -> float:
    """Create ``path`` with ``count`` entries in one transaction; returns the seconds it took."""
    started = time.perf_counter()
    db = open_database(path)
    step = max(count // 20, 1)
    tty = sys.stdout.isatty()
    with db.write() as conn:
        for number, row in enumerate(synthetic_rows(count), 1):
            insert_row(conn, row)
            if number % step == 0 or number == count:
                rate = number / (time.perf_counter() - started)
                line = f"  building: {number:>9,} / {count:,} entries ({rate:,.0f}/s)"
                print("\r" + line if tty else line, end="" if tty else "\n", flush=True)
    if tty:
        print()
    db.close()
    return time.perf_counter() - started


# ---- Metrics and goals ----------------------------------------------------------------------
# (key, name, unit, direction, aggregation, start level, daily drift, noise): twenty KPIs of an
# operations team, the nine presets first.
BENCH_METRICS = [
    ("new_users", "新增用户", "人", "up", "sum", 800, 0.0004, 0.15),
    ("dau", "日活跃用户", "人", "up", "mean", 12_000, 0.0003, 0.05),
    ("mau", "月活跃用户", "人", "up", "last", 90_000, 0.0003, 0.01),
    ("d1_retention", "次日留存率", "%", "up", "mean", 38, 0.0, 0.04),
    ("d7_retention", "7日留存率", "%", "up", "mean", 18, 0.0, 0.05),
    ("d30_retention", "30日留存率", "%", "up", "mean", 8, 0.0, 0.06),
    ("conversion_rate", "转化率", "%", "up", "mean", 3.2, 0.0001, 0.08),
    ("revenue", "收入", "元", "up", "sum", 45_000, 0.0004, 0.2),
    ("churn_rate", "流失率", "%", "down", "mean", 6, -0.0001, 0.05),
    ("paid_users", "付费用户", "人", "up", "sum", 120, 0.0004, 0.2),
    ("arpu", "ARPU", "元", "up", "mean", 3.8, 0.0001, 0.05),
    ("cac", "获客成本", "元", "down", "mean", 28, 0.0001, 0.08),
    ("push_ctr", "推送点击率", "%", "up", "mean", 4.5, 0.0, 0.1),
    ("refund_rate", "退款率", "%", "down", "mean", 1.2, 0.0, 0.15),
    ("members", "会员数", "人", "up", "last", 5_000, 0.0005, 0.005),
    ("community_posts", "社群发帖", "条", "up", "sum", 300, 0.0002, 0.25),
    ("course_completion", "课程完成率", "%", "up", "mean", 55, 0.0, 0.05),
    ("nps", "NPS", "", "up", "mean", 32, 0.00005, 0.1),
    ("app_rating", "Store rating", "", "up", "last", 4.5, 0.0, 0.01),
    ("repurchase_rate", "复购率", "%", "up", "mean", 22, 0.00005, 0.06),
]


def metric_rows(end: dt.date, days: int = METRIC_DAYS, seed: int = 2):
    """(metric, ISO day, value, note, source) rows: a daily random walk with drift and weekly
    seasonality for each metric, ``days`` days ending on ``end``."""
    rng = random.Random(seed)
    start = end - dt.timedelta(days=days - 1)
    for key, _name, unit, _direction, _aggregation, level, drift, noise in BENCH_METRICS:
        trend = float(level)
        for number in range(days):
            day = start + dt.timedelta(days=number)
            trend *= 1 + drift + rng.gauss(0, noise / 20)
            weekly = 1 + (0.06 if day.weekday() >= 5 else 0)
            value = max(trend * weekly * (1 + rng.gauss(0, noise / 4)), 0)
            if unit == "%":
                value = min(value, 100)
            yield key, day.isoformat(), round(value, 2), "", "import"


def build_metrics_and_goals(path: Path, end: dt.date | None = None) -> tuple[int, int]:
    """Add the benchmark's metrics (with ten years of daily values) and goals to ``path``; returns
    (values, goals) written. Uses the store's own interface, as the app and the import do."""
    from growthlog.models import Goal, Metric
    from growthlog.store.api import Store

    end = end or dt.date.today()
    store = Store.open(path)
    try:
        for key, name, unit, direction, aggregation, *_ in BENCH_METRICS:
            store.define_metric(Metric(key=key, name=name, unit=unit, direction=direction, aggregation=aggregation))
        values = store.record_many(metric_rows(end))
        rng = random.Random(3)
        goals = 0
        per_parent = GOALS // 10 - 1
        for number in range(GOALS // (per_parent + 1)):
            key, name, *_ = BENCH_METRICS[number % len(BENCH_METRICS)]
            latest = store.latest(key)
            baseline = latest[1] if latest else 0
            parent = store.add_goal(Goal(
                title=f"{end.year + 1} 年{name}目标", metric=key, baseline=baseline, target=round(baseline * 1.3, 2),
                start=end - dt.timedelta(days=30), due=end + dt.timedelta(days=335), horizon="long",
                why="支撑年度增长目标", description="年度目标，拆成四个季度目标。",
            ))
            goals += 1
            for quarter in range(per_parent):
                start = end + dt.timedelta(days=91 * quarter - 30)
                store.add_goal(Goal(
                    title=f"Q{quarter + 1} {name}提升 {rng.randrange(5, 20)}%", metric=key, baseline=baseline,
                    target=round(baseline * (1 + 0.075 * (quarter + 1)), 2), start=start, due=start + dt.timedelta(days=90),
                    parent_id=parent.id, horizon="short", why="季度拆解",
                ))
                goals += 1
    finally:
        store.close()
    return values, goals


def write_csv(path: Path, rows: int, keys: list[str], end: dt.date, seed: int = 4) -> None:
    """A long CSV (date,metric,value) of ``rows`` rows, as an analytics export writes it: one line
    per day and metric, most values plain numbers, a few with thousands separators or a % sign."""
    rng = random.Random(seed)
    days = -(-rows // len(keys))
    start = end - dt.timedelta(days=days - 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("date,metric,value\n")
        written = 0
        for number in range(days):
            day = (start + dt.timedelta(days=number)).isoformat()
            for key in keys:
                if written == rows:
                    return
                value = rng.uniform(0, 50_000)
                roll = rng.random()
                if roll < 0.02:
                    text = f'"{value:,.2f}"'
                elif roll < 0.03:
                    text = f"{value / 1000:.1f}%"
                else:
                    text = f"{value:.2f}"
                handle.write(f"{day},{key},{text}\n")
                written += 1


def measure_csv_import(db_path: Path, folder: Path, rows: int = CSV_ROWS) -> dict[str, float]:
    """Rows per second of plan + apply for a ``rows``-row CSV: new values (the import defines its
    metrics), then the same file again (every value replaced). The metrics are removed afterwards."""
    from growthlog.services.metric_import import apply_csv_import, plan_csv_import
    from growthlog.store.api import Store

    path = folder / "metrics-import.csv"
    keys = [f"{CSV_PREFIX}{number:02d}" for number in range(CSV_METRICS)]
    write_csv(path, rows, keys, dt.date.today())
    result: dict[str, float] = {"size_mb": path.stat().st_size / 1e6}
    store = Store.open(db_path)
    try:
        for label, define in (("new", True), ("replace", False)):
            started = time.perf_counter()
            plan = plan_csv_import(path, store, define=define)
            planned = time.perf_counter()
            written = apply_csv_import(plan, store)
            done = time.perf_counter()
            if written != rows:
                raise RuntimeError(f"CSV import wrote {written} rows, expected {rows}")
            result[f"{label}_rate"] = rows / (done - started)
            result[f"{label}_plan_s"] = planned - started
            result[f"{label}_apply_s"] = done - planned
            result[f"{label}_replaced"] = plan.replaced
    finally:
        with store.db.write() as conn:
            conn.execute(f"DELETE FROM metrics WHERE key LIKE '{CSV_PREFIX}%'")  # values go with them (cascade)
        store.close()
        path.unlink(missing_ok=True)
    return result


def measure_json(db_path: Path) -> dict[str, float]:
    """Seconds of a whole-log JSON export to a file, then of importing that file back into the same
    database: a merge that checks every record and writes none. Run in a child process (see main),
    so that its peak memory is the JSON's alone."""
    from growthlog.services import exchange
    from growthlog.store.api import Store

    path = db_path.with_name("whole-log.json")
    store = Store.open(db_path)
    try:
        started = time.perf_counter()
        with path.open("w", encoding="utf-8") as handle:
            counts = exchange.export_log(store, handle)
        exported = time.perf_counter()
        size_mb = path.stat().st_size / 1e6
        plan = exchange.plan_import(exchange.read_json_file(path), store)
        done = time.perf_counter()
        if plan.writes:
            raise RuntimeError(f"importing the database's own export would write {plan.writes} records")
    finally:
        store.close()
        path.unlink(missing_ok=True)
    return {"entries": counts["entries"], "others": sum(counts.values()) - counts["entries"], "size_mb": size_mb,
            "export_s": exported - started, "merge_s": done - exported, "peak_mb": peak_memory_mb()}


def json_in_child(db_path: Path, env: dict[str, str]) -> dict[str, float] | str:
    """Run :func:`measure_json` in a fresh interpreter; its result, or an error message."""
    child = subprocess.run([sys.executable, __file__, "--json-only", str(db_path)], env=env, capture_output=True, text=True)
    for line in child.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    return (child.stderr.strip().splitlines() or ["no output"])[-1]


# ---------------------------------------------------------------------------------------------
# Measurements.


def median_ms(function, runs: int) -> tuple[float, float]:
    """Median and first-run time of ``function()`` in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times[0]


def console_script() -> str | None:
    """The installed ``growthlog`` command: on PATH, or next to this interpreter (a virtualenv)."""
    found = shutil.which("growthlog")
    if found:
        return found
    beside = Path(sys.executable).parent / "growthlog"
    return str(beside) if beside.exists() and os.access(beside, os.X_OK) else None


def measure_add(command: list[str], db_path: Path, runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``command --db PATH add TEXT`` as a real process, in milliseconds."""
    times = []
    for number in range(runs):
        argv = [*command, "--db", str(db_path), "add", f"基准测试 benchmark add {number} #bench"]
        started = time.perf_counter()
        result = subprocess.run(argv, env=env, capture_output=True, text=True)
        times.append((time.perf_counter() - started) * 1000)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.strip()}")
    return statistics.median(times)


SEARCH_QUERIES = [
    ("1 Chinese character", "留"),
    ("2 Chinese characters", "留存"),
    ("3 Chinese characters", "转化率"),
    ("4+ Chinese characters", "用户增长策略"),
    ("short English (2 letters)", "ab"),
    ("long English", "retention"),
    ("two terms, short + long", "留存 push"),
    ("rare, 2 Chinese characters", RARE_ZH),
    ("rare, long English", RARE_EN),
    ("no match, 1 Chinese character", "鲲"),
    ("no match, long English", "xylophone"),
]


def measure_search(store, runs: int) -> list[tuple[str, str, int, float, float]]:
    """(label, query, hits, median ms, first ms) for each query: search_ids + the first page."""
    results = []
    for label, query in SEARCH_QUERIES:
        hits = len(store.search_ids(query, limit=SEARCH_LIMIT))

        def run(query: str = query) -> None:
            ids = store.search_ids(query, limit=SEARCH_LIMIT)
            store.get_entries(ids[:PAGE_SIZE])

        median, first = median_ms(run, runs)
        results.append((label, query, hits, median, first))
    return results


def measure_journal(store, count: int, runs: int) -> list[tuple[int, float]]:
    offsets = sorted({0, count // 2, max(count - PAGE_SIZE, 0)})
    results = []
    for offset in offsets:

        def run(offset: int = offset) -> None:
            store.count_entries()
            store.list_entries(limit=PAGE_SIZE, offset=offset)

        results.append((offset, median_ms(run, runs)[0]))
    return results


def measure_review(store, runs: int) -> list[tuple[str, float, float, str]]:
    """The generated part of the review of the quarter (and the sprint) holding the newest entry,
    built from the store and rendered as Markdown: (label, median ms, first ms, note)."""
    from growthlog.services.periods import parse_period
    from growthlog.services.review.builder import build_report
    from growthlog.services.review_text import review_markdown

    newest = store.list_entries(limit=1)[0].day
    results = []
    for name in ("quarter", "sprint"):
        period = parse_period(name, newest)
        report = build_report(store, period, newest)
        note = (f"{period.key}: {report.activity.total:,} entries, {report.goals.total} goals, {len(report.data)} metrics, "
                f"{report.problems.opened} problems raised, {len(report.strategies)} strategies")
        median, first = median_ms(lambda: review_markdown(build_report(store, period, newest)), runs)
        results.append((name, median, first, note))
    return results


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# ---- The app's first frame ------------------------------------------------------------------
# Runs in a fresh process (see main) so that imports are cold and the memory is the app's alone.


def measure_first_frame(db_path: Path) -> dict[str, float] | None:
    """Time from creating the app to its first frame on ``db_path``, and a mode switch.

    Returns None (after printing "app not available") when ``growthlog.app.make_app`` cannot be
    imported. Times in milliseconds: ``import`` (growthlog.app, cold), ``first_frame`` (make_app
    to inside ``run_test`` after one ``pilot.pause()``), ``loaded`` (until the first screen's
    workers are done), ``switch_first`` (first switch to the journal, which builds its screen,
    until its workers are done), ``switch_again`` (back to today then to the journal again, each).
    """
    started = time.perf_counter()
    try:
        from growthlog.app import make_app
    except ImportError as error:
        print(f"  app not available ({error})")
        return None
    import_ms = (time.perf_counter() - started) * 1000
    from growthlog.config import load_settings
    from growthlog.store.api import Store

    settings = load_settings(db=str(db_path), language="en")
    store = Store.open(db_path)
    result: dict[str, float] = {"import": import_ms}

    async def settle(app, pilot) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    async def run() -> None:
        started = time.perf_counter()
        app = make_app(settings, store, today=dt.date.today())
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            result["first_frame"] = (time.perf_counter() - started) * 1000
            await settle(app, pilot)
            result["loaded"] = (time.perf_counter() - started) * 1000
            switch_started = time.perf_counter()
            try:
                await app.switch_mode("journal")
            except Exception as error:  # no journal mode (yet): report the first frame only
                print(f"  mode switch not measured ({error})")
                return
            await settle(app, pilot)
            result["switch_first"] = (time.perf_counter() - switch_started) * 1000
            again = []
            for mode in ("today", "journal", "today", "journal"):
                switch_started = time.perf_counter()
                await app.switch_mode(mode)
                await settle(app, pilot)
                again.append((time.perf_counter() - switch_started) * 1000)
            result["switch_again"] = statistics.median(again)

    asyncio.run(run())
    store.close()
    result["peak_mb"] = peak_memory_mb()
    return result


def first_frame_in_child(db_path: Path, env: dict[str, str]) -> dict[str, float] | None | str:
    """Run :func:`measure_first_frame` in a fresh interpreter; its result, or an error message."""
    child = subprocess.run(
        [sys.executable, __file__, "--first-frame-only", str(db_path)], env=env, capture_output=True, text=True
    )
    for line in child.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    if "app not available" in child.stdout:
        return None
    return (child.stderr.strip().splitlines() or ["no output"])[-1]


# ---------------------------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.missed: list[str] = []

    def add(self, what: str, value: float | None, bar: float | None, unit: str = "ms", note: str = "",
            at_least: bool = False) -> None:
        """A measurement against a bar: at most ``bar`` (times, memory) or, with ``at_least``, at
        least ``bar`` (rates)."""
        sign = "≥" if at_least else "≤"
        if value is None:
            self.rows.append((what, note or "—", f"{sign} {bar:,g} {unit}" if bar else "", "skipped"))
            return
        shown = (f"{value:,.0f} {unit}" if at_least else f"{value:,.1f} {unit}") + (f" ({note})" if note else "")
        if bar is None:
            self.rows.append((what, shown, "", ""))
            return
        ok = value >= bar if at_least else value <= bar
        if not ok:
            self.missed.append(what)
        self.rows.append((what, shown, f"{sign} {bar:,g} {unit}", "✅" if ok else "❌ missed"))

    def markdown(self) -> str:
        lines = ["| Measure | Measured | Bar | |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="entries to generate (default 100,000)")
    parser.add_argument("--db", type=Path, help="database file to use (built when missing or empty, else reused)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and its database")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a bar is missed")
    parser.add_argument("--runs", type=int, default=15, help="runs of each add measurement (default 15)")
    parser.add_argument("--first-frame-only", metavar="DB", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json-only", metavar="DB", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.json_only:
        print("RESULT " + json.dumps(measure_json(args.json_only)))
        return 0

    if args.first_frame_only:
        result = measure_first_frame(args.first_frame_only)
        if result is not None:
            print("RESULT " + json.dumps(result))
        return 0

    folder = Path(tempfile.mkdtemp(prefix="growthlog-bench-"))
    # No user config file: the measurements must not depend on the machine's settings.
    env = dict(os.environ, GROWTHLOG_CONFIG=str(folder / "no-config.toml"))
    db_path = args.db or folder / "bench.db"
    table = Table()
    load_before = os.getloadavg()[0]
    try:
        existing = 0
        if db_path.exists():
            with sqlite3.connect(db_path) as conn:
                try:
                    existing = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
                except sqlite3.DatabaseError:
                    existing = 0
        if existing:
            print(f"Reusing {db_path} ({existing:,} entries)")
            count = existing
            build_seconds = None
        else:
            print(f"Building {db_path} with {args.entries:,} entries")
            build_seconds = build_database(db_path, args.entries)
            count = args.entries
        # Open through the store first: a database from an earlier growthlog is migrated.
        from growthlog.store.api import Store

        Store.open(db_path).close()
        with sqlite3.connect(db_path) as conn:
            has_metrics = conn.execute("SELECT count(*) FROM metrics").fetchone()[0]
        if not has_metrics:
            print(f"Adding {len(BENCH_METRICS)} metrics × {METRIC_DAYS:,} days and {GOALS} goals")
            started = time.perf_counter()
            values, goals = build_metrics_and_goals(db_path)
            print(f"  {values:,} values and {goals} goals in {time.perf_counter() - started:.1f} s")
        with sqlite3.connect(db_path) as conn:
            metric_count, value_count, goal_count = conn.execute(
                "SELECT (SELECT count(*) FROM metrics), (SELECT count(*) FROM measurements), (SELECT count(*) FROM goals)"
            ).fetchone()
        size_mb = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 1e6
        build_peak = peak_memory_mb()

        print("Measuring growthlog add …")
        add_command = [sys.executable, "-m", "growthlog"]
        empty_db = folder / "empty.db"
        subprocess.run([*add_command, "--db", str(empty_db), "add", "warm-up"], env=env, capture_output=True)
        subprocess.run([*add_command, "--db", str(db_path), "add", "warm-up #bench"], env=env, capture_output=True)
        table.add(f"`python -m growthlog add`, {count:,} entries (median of {args.runs})",
                  measure_add(add_command, db_path, args.runs, env), BAR_ADD_MS)
        script = console_script()
        if script:
            table.add(f"`growthlog add` console script, {count:,} entries (median of {args.runs})",
                      measure_add([script], db_path, args.runs, env), BAR_ADD_MS)
        else:
            table.add("`growthlog add` console script", None, BAR_ADD_MS, note="not installed")
        table.add(f"`python -m growthlog add`, empty database (median of {args.runs})",
                  measure_add(add_command, empty_db, args.runs, env), BAR_ADD_MS)

        print("Measuring search and the journal …")
        from growthlog.store.api import Store

        store = Store.open(db_path)
        for label, query, hits, median, first in measure_search(store, runs=7):
            shown_hits = f"{hits:,}" if hits < SEARCH_LIMIT else f"≥{SEARCH_LIMIT:,}"
            table.add(f"search {label} `{query}` + first page", median, BAR_SEARCH_MS,
                      note=f"{shown_hits} hits, first run {first:.0f} ms")
        for offset, median in measure_journal(store, count, runs=7):
            table.add(f"journal page: count + {PAGE_SIZE} entries at offset {offset:,}", median, None)
        print("Measuring reviews …")
        for name, median, first, note in measure_review(store, runs=7):
            table.add(f"review of a {name}: generated part + Markdown (median of 7)", median, BAR_REVIEW_MS,
                      note=f"{note}; first run {first:.0f} ms")
        store.close()
        store_peak = peak_memory_mb()

        print(f"Measuring CSV import ({CSV_ROWS:,} rows) …")
        imported = measure_csv_import(db_path, folder)
        for label, what in (("new", "new values, defines 20 metrics"), ("replace", "the same file again, every value replaced")):
            note = (f"{what}; plan {imported[label + '_plan_s']:.2f} s + apply {imported[label + '_apply_s']:.2f} s, "
                    f"{imported['size_mb']:.1f} MB file")
            table.add(f"CSV import, {CSV_ROWS:,}-row long file: {label}", imported[label + "_rate"], BAR_CSV_ROWS_PER_S,
                      unit="rows/s", note=note, at_least=True)
        store_peak = max(store_peak, peak_memory_mb())

        print("Measuring the whole log as JSON: export, and the same file merged back (fresh process) …")
        measured = json_in_child(db_path, env)
        if isinstance(measured, str):
            table.add("JSON export and merge", None, BAR_JSON_EXPORT_PER_S, unit="entries/s", note=f"failed: {measured}",
                      at_least=True)
        else:
            whole = f"{measured['entries']:,} entries + {measured['others']:,} other records, {measured['size_mb']:.0f} MB file"
            table.add("JSON export of the whole log", measured["entries"] / measured["export_s"], BAR_JSON_EXPORT_PER_S,
                      unit="entries/s", note=f"{whole}; {measured['export_s']:.1f} s", at_least=True)
            table.add("JSON import of that file into the same database (a merge: every record skipped)",
                      measured["entries"] / measured["merge_s"], BAR_JSON_IMPORT_PER_S, unit="entries/s",
                      note=f"read + check {measured['merge_s']:.1f} s, nothing written", at_least=True)
            table.add("peak memory, JSON export + merge process", measured["peak_mb"], BAR_JSON_IMPORT_MB, unit="MB")

        print("Measuring the app's first frame (fresh process) …")
        frame = first_frame_in_child(db_path, env)
        if frame is None:
            table.add("app first frame", None, BAR_FIRST_FRAME_MS, note="app not available")
        elif isinstance(frame, str):
            table.add("app first frame", None, BAR_FIRST_FRAME_MS, note=f"failed: {frame}")
        else:
            table.add("import growthlog.app (cold)", frame["import"], None)
            table.add("app first frame (make_app → first frame)", frame["first_frame"], BAR_FIRST_FRAME_MS)
            table.add("import + first frame", frame["import"] + frame["first_frame"], BAR_FIRST_FRAME_MS)
            table.add("first screen loaded (workers done)", frame["loaded"], None)
            if "switch_first" in frame:
                table.add("mode switch to journal, first time (builds the screen)", frame["switch_first"], BAR_MODE_SWITCH_MS)
                table.add("mode switch, later (median of 4)", frame["switch_again"], BAR_MODE_SWITCH_MS)
            table.add("peak memory, app process", frame["peak_mb"], BAR_MEMORY_MB, unit="MB")
        table.add("peak memory, this process (build + store measurements + CSV import)", max(build_peak, store_peak), BAR_MEMORY_MB,
                  unit="MB")

        print()
        print(f"growthlog benchmark — {count:,} entries, {metric_count} metrics with {value_count:,} values, "
              f"{goal_count} goals, database {size_mb:,.0f} MB"
              + (f", built in {build_seconds:.1f} s ({count / build_seconds:,.0f} entries/s)" if build_seconds else ""))
        print(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
              f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; load average "
              f"{load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end (other work skews timings)")
        print()
        print(table.markdown())
        if table.missed:
            print()
            print("Missed: " + "; ".join(table.missed))
    finally:
        if args.keep:
            print(f"\nKept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if (args.strict and table.missed) else 0


if __name__ == "__main__":
    sys.exit(main())
