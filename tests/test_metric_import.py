"""CSV import of metric values (services/metric_import/): layouts, encodings, delimiters, dates,
header names in two languages, defining metrics on the spot, and errors that name the line and the
column and leave the database as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from growthlog import i18n
from growthlog.models import Measurement, Metric
from growthlog.services.metric_import import (
    CsvImportError,
    apply_csv_import,
    count_rows,
    plan_csv_import,
    slugify_key,
)
from growthlog.store.api import Store
from growthlog.store.db import StoreError

D = dt.date


@pytest.fixture
def metrics(store: Store) -> Store:
    """dau (日活跃用户), revenue (收入, a sum in 元) and churn (流失率, down)."""
    store.define_metric(Metric(key="dau", name="日活跃用户", unit="人", aggregation="mean"))
    store.define_metric(Metric(key="revenue", name="收入", unit="元", aggregation="sum"))
    store.define_metric(Metric(key="churn", name="流失率", unit="%", direction="down", aggregation="mean"))
    return store


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def stored(store: Store, key: str) -> list[tuple[dt.date, float]]:
    return store.series(key)


def everything(store: Store) -> list[tuple]:
    with store.db.read() as conn:
        return conn.execute("SELECT metric, day, value, note, source FROM measurements ORDER BY metric, day").fetchall()


def metric_keys(store: Store) -> list[str]:
    return sorted(metric.key for metric in store.list_metrics())


def import_file(store: Store, path: Path, **options) -> int:
    return apply_csv_import(plan_csv_import(path, store, **options), store)


# Layouts


def test_long_layout_with_notes(metrics, tmp_path):
    path = write(tmp_path / "long.csv", "date,metric,value,note\n2026-11-01,dau,1234,\n2026-11-01,revenue,\"3,000\",双十一预热\n2026-11-02,dau,1300,\n")
    plan = plan_csv_import(path, metrics)
    assert plan.layout == "long" and plan.encoding == "utf-8" and plan.delimiter == ","
    assert plan.rows == [
        ("dau", "2026-11-01", 1234.0, "", "import"),
        ("revenue", "2026-11-01", 3000.0, "双十一预热", "import"),
        ("dau", "2026-11-02", 1300.0, "", "import"),
    ]
    assert list(plan.metrics) == ["dau", "revenue"]
    assert (plan.metrics["dau"].added, plan.metrics["dau"].first_day, plan.metrics["dau"].last_day) == (2, "2026-11-01", "2026-11-02")
    assert apply_csv_import(plan, metrics) == 3
    assert stored(metrics, "dau") == [(D(2026, 11, 1), 1234.0), (D(2026, 11, 2), 1300.0)]
    revenue = metrics.measurements("revenue")[0]
    assert revenue.model_copy(update={"updated": None}) == Measurement(
        metric="revenue", day=D(2026, 11, 1), value=3000.0, note="双十一预热", source="import", author=metrics.author
    )
    assert revenue.updated is not None


def test_wide_layout_matches_columns_by_key_and_by_name(metrics, tmp_path):
    path = write(tmp_path / "wide.csv", "date,DAU,收入,流失率\n2026-11-01,1234,¥3000,5%\n2026-11-02,1300,,4.5%\n")
    plan = plan_csv_import(path, metrics)
    assert plan.layout == "wide"
    assert sorted(plan.rows) == [
        ("churn", "2026-11-01", 5.0, "", "import"),
        ("churn", "2026-11-02", 4.5, "", "import"),
        ("dau", "2026-11-01", 1234.0, "", "import"),
        ("dau", "2026-11-02", 1300.0, "", "import"),
        ("revenue", "2026-11-01", 3000.0, "", "import"),
    ]
    assert [(c.key, c.added) for c in plan.metrics.values()] == [("dau", 2), ("revenue", 1), ("churn", 2)]


def test_wide_layout_skips_empty_and_dash_cells_and_spreads_the_note(metrics, tmp_path):
    path = write(tmp_path / "wide.csv", "date,dau,revenue,note\n2026-11-01,-,--,活动\n2026-11-02, ,—,\n2026-11-03,5,/,\n")
    plan = plan_csv_import(path, metrics)
    assert plan.rows == [("dau", "2026-11-03", 5.0, "", "import")]
    path = write(tmp_path / "noted.csv", "date,dau,revenue,note\n2026-11-01,1,2,活动日\n")
    assert [row[3] for row in plan_csv_import(path, metrics).rows] == ["活动日", "活动日"]


def test_chinese_headers_long(metrics, tmp_path):
    path = write(tmp_path / "zh.csv", "日期,指标,数值,备注\n2026-11-01,日活跃用户,3.2万,周末\n2026-11-01,收入,1.5亿,\n")
    plan = plan_csv_import(path, metrics)
    assert plan.layout == "long"
    assert plan.rows == [("dau", "2026-11-01", 32000.0, "周末", "import"), ("revenue", "2026-11-01", 150_000_000.0, "", "import")]


@pytest.mark.parametrize("header", ["Day,Metric,Value", "DATE,KEY,VALUE", "日期,指标名称,值", "统计日期,指标,数据", "ds,metric_name,value"])
def test_header_names_in_any_case_and_language(metrics, tmp_path, header):
    path = write(tmp_path / "h.csv", f"{header}\n2026-11-01,dau,5\n")
    assert plan_csv_import(path, metrics).rows == [("dau", "2026-11-01", 5.0, "", "import")]


def test_the_first_column_is_the_date_when_none_is_named(metrics, tmp_path):
    path = write(tmp_path / "w.csv", "when,dau\n2026-11-01,5\n")
    assert plan_csv_import(path, metrics).rows == [("dau", "2026-11-01", 5.0, "", "import")]


def test_the_date_column_may_be_anywhere(metrics, tmp_path):
    path = write(tmp_path / "w.csv", "dau,日期\n5,2026-11-01\n")
    assert plan_csv_import(path, metrics).rows == [("dau", "2026-11-01", 5.0, "", "import")]


def test_a_preset_name_finds_the_metric_with_the_presets_key(store, tmp_path):
    store.define_metric(Metric(key="dau", name="Daily actives"))
    path = write(tmp_path / "w.csv", "date,日活\n2026-11-01,5\n")
    assert plan_csv_import(path, store).rows == [("dau", "2026-11-01", 5.0, "", "import")]


# Encodings and delimiters


def test_utf8_with_bom(metrics, tmp_path):
    path = write(tmp_path / "bom.csv", "\ufeff日期,日活跃用户\n2026-11-01,7\n")
    plan = plan_csv_import(path, metrics)
    assert plan.encoding == "utf-8" and plan.rows == [("dau", "2026-11-01", 7.0, "", "import")]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_chinese_windows_encodings(metrics, tmp_path, encoding):
    path = write(tmp_path / "gb.csv", "日期,指标,数值,备注\n2026年11月1日,日活跃用户,8,双十一\n", encoding)
    assert path.read_bytes()[:2] != "日".encode("utf-8")[:2]
    plan = plan_csv_import(path, metrics)
    assert plan.encoding == "gb18030"
    assert plan.rows == [("dau", "2026-11-01", 8.0, "双十一", "import")]


def test_utf16_unicode_text_from_excel(metrics, tmp_path):
    path = write(tmp_path / "unicode.txt", "日期\t日活跃用户\r\n2026/11/1\t9\r\n", "utf-16")
    plan = plan_csv_import(path, metrics)
    assert plan.encoding == "utf-16" and plan.delimiter == "\t"
    assert plan.rows == [("dau", "2026-11-01", 9.0, "", "import")]


def test_tab_separated_with_commas_in_values(metrics, tmp_path):
    path = write(tmp_path / "t.tsv", "date\tdau\trevenue\n2026-11-01\t1,234\t¥3,000.50\n")
    plan = plan_csv_import(path, metrics)
    assert plan.delimiter == "\t"
    assert plan.rows == [("dau", "2026-11-01", 1234.0, "", "import"), ("revenue", "2026-11-01", 3000.5, "", "import")]


def test_semicolons_when_the_header_has_no_comma(metrics, tmp_path):
    path = write(tmp_path / "s.csv", "date;dau\n2026-11-01;5\n")
    assert plan_csv_import(path, metrics).delimiter == ";"


def test_crlf_blank_lines_and_short_lines(metrics, tmp_path):
    path = write(tmp_path / "crlf.csv", "\r\ndate,dau,revenue\r\n\r\n2026-11-01,5\r\n,,\r\n2026-11-02,6,7\r\n")
    plan = plan_csv_import(path, metrics)
    assert plan.rows == [("dau", "2026-11-01", 5.0, "", "import"), ("dau", "2026-11-02", 6.0, "", "import"),
                         ("revenue", "2026-11-02", 7.0, "", "import")]


def test_trailing_empty_columns_are_ignored(metrics, tmp_path):
    path = write(tmp_path / "x.csv", "date,dau,,\n2026-11-01,5,,\n")
    assert plan_csv_import(path, metrics).rows == [("dau", "2026-11-01", 5.0, "", "import")]


# Dates


@pytest.mark.parametrize(
    "text",
    ["2026-11-05", "2026/11/05", "2026/11/5", "2026.11.5", "20261105", "2026年11月5日", "2026年11月5号",
     "2026-11-05 00:00:00", "2026-11-05T00:00", "2026/11/5 0:00", "11/05/2026", "２０２６－１１－０５"],
)
def test_date_forms(metrics, tmp_path, text):
    path = write(tmp_path / "d.csv", f"date,dau\n{text},1\n")
    assert plan_csv_import(path, metrics).rows[0][1] == "2026-11-05"


def test_year_last_dates_are_month_first_unless_the_first_number_is_over_12(metrics, tmp_path):
    path = write(tmp_path / "us.csv", "date,dau\n11/20/2026,1\n1/5/2026,2\n")
    assert [row[1] for row in plan_csv_import(path, metrics).rows] == ["2026-11-20", "2026-01-05"]
    path = write(tmp_path / "eu.csv", "date,dau\n20/11/2026,1\n5/5/2026,2\n")
    assert [row[1] for row in plan_csv_import(path, metrics).rows] == ["2026-11-20", "2026-05-05"]


def test_a_file_with_both_orders_of_year_last_dates_is_refused(metrics, tmp_path):
    path = write(tmp_path / "mixed.csv", "date,dau\n05/11/2026,1\n20/11/2026,2\n")
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics)
    assert (caught.value.line, caught.value.column) == (2, "date")
    assert "'05/11/2026' could be read day first or month first, and line 3 is day first" in str(caught.value)
    path = write(tmp_path / "both.csv", "date,dau\n11/20/2026,1\n21/11/2026,2\n")
    with pytest.raises(CsvImportError, match="day first in some lines and month first in others") as caught:
        plan_csv_import(path, metrics)
    assert caught.value.line == 3


# Errors: each names the line and the column, and nothing is stored


@pytest.mark.parametrize(
    ("content", "line", "column", "reason"),
    [
        ("date,dau\n2026-11-01,5\n2026-11-02,abc\n", 3, "dau", "'abc' is not a number: write 1,234, 12.5%, 3.2万 or ¥3,000"),
        ("date,dau\n2026-11-01,5\nsomeday,6\n", 3, "date", "'someday' is not a date: write 2026-11-20, 2026/11/20, 20261120 or 2026年11月20日"),
        ("date,dau\n2026-02-30,5\n", 2, "date", "'2026-02-30' is not a date"),
        ("date,dau\n,5\n", 2, "date", "no date"),
        ("date,dau\n11-20,5\n", 2, "date", "'11-20' is not a date"),
        ("date,dau,visits\n2026-11-01,5,6\n", 1, "visits", "no metric 'visits' (known: churn, dau, revenue); define it first with growthlog metric define, or import with --define"),
        ("date,metric,value\n2026-11-01,dau,5\n2026-11-01,visits,6\n", 3, "metric", "no metric 'visits' (known: churn, dau, revenue)"),
        ("date,metric,value\n2026-11-01,dau,\n", 2, "value", "no value"),
        ("date,metric,value\n2026-11-01,,5\n", 2, "metric", "no metric named"),
        ("date,metric,value\n2026-11-01,dau,5\n2026-11-02,dau,6\n2026-11-01,dau,7\n", 4, "metric", "'dau' already has a value for 2026-11-01 on line 2"),
        ("date,dau\n2026-11-01,5\n2026/11/1,6\n", 3, "date", "'dau' already has a value for 2026-11-01 on line 2"),
        ("date,dau\n2026-11-01,nan\n", 2, "dau", "'nan' is not a finite number"),
        ("date,dau\n2026-11-01,1e999\n", 2, "dau", "'1e999' is not a finite number"),
        ("date,dau\n2026-11-01,\"12,5\"\n", 2, "dau", "thousands separators go every three digits"),
        ("date,dau,DAU\n2026-11-01,1,2\n", 1, "DAU", "this column and 'dau' are both the metric 'dau'"),
        ("date,dau,日期\n2026-11-01,1,2\n", 1, "日期", "the header already has a column for this ('date')"),
        ("date,metric,value,unit\n2026-11-01,dau,1,人\n", 1, "unit", "a file with a metric and a value column may only have"),
    ],
)
def test_a_bad_line_names_line_and_column_and_nothing_is_stored(metrics, tmp_path, content, line, column, reason):
    metrics.record(Measurement(metric="dau", day=D(2026, 10, 1), value=1.0))
    before = everything(metrics)
    path = write(tmp_path / "bad.csv", content)
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics)
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert str(error).startswith(f"{path}, line {line}, column '{column}': ")
    assert reason in str(error)
    assert str(error).endswith(". Nothing was imported.")
    assert everything(metrics) == before
    assert metric_keys(metrics) == ["churn", "dau", "revenue"]


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("date,dau\n2026-11-01,5,6\n", 2, "the line has 3 cells but the header names 2 columns"),
        ("date,,dau\n2026-11-01,,5\n", 1, "column 2 has no name in the header"),
        ("date,metric\n2026-11-01,dau\n", 1, "the value column is missing"),
        ("date\n2026-11-01\n", 1, "no metric columns"),
        ("dau,metric,value\n1,dau,5\n", 1, "no date column"),
    ],
)
def test_a_bad_line_or_header_without_a_column(metrics, tmp_path, content, line, reason):
    path = write(tmp_path / "bad.csv", content)
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics)
    assert caught.value.line == line and caught.value.column is None
    assert str(caught.value).startswith(f"{path}, line {line}: ") and reason in str(caught.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"PK\x03\x04rest of a zip", "this is a spreadsheet workbook, not CSV text: save it as CSV (UTF-8) first"),
        (b"date,dau\x00\x01\x02", "this is not a text file"),
        (b"date,dau\n2026-11-01,\x81\x20\n", "the file is neither UTF-8 nor GB18030 text"),
    ],
)
def test_files_that_are_no_csv(metrics, tmp_path, content, reason):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics)
    assert str(caught.value) == f"{path}: {reason}. Nothing was imported."


def test_missing_file_and_folder(metrics, tmp_path):
    with pytest.raises(CsvImportError, match="No such file or directory"):
        plan_csv_import(tmp_path / "missing.csv", metrics)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(CsvImportError, match="this is a folder, not a file"):
        plan_csv_import(folder, metrics)


def test_a_long_note_is_refused_and_notes_are_cleaned(metrics, tmp_path):
    path = write(tmp_path / "n.csv", "date,metric,value,note\n2026-11-01,dau,1," + "长" * 2001 + "\n")
    with pytest.raises(CsvImportError, match="a note has at most 2,000 characters") as caught:
        plan_csv_import(path, metrics)
    assert (caught.value.line, caught.value.column) == (2, "note")
    path = write(tmp_path / "c.csv", "date,metric,value,note\n2026-11-01,dau,1,\"\x1b[31m红色\x07 \"\"引号\"\"\"\n")
    assert plan_csv_import(path, metrics).rows[0][3] == '红色 "引号"'


def test_errors_in_chinese(metrics, tmp_path):
    i18n.set_language("zh")
    path = write(tmp_path / "bad.csv", "日期,日活跃用户\n2026-11-01,很多\n")
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics)
    assert str(caught.value) == f"{path} 第 2 行“日活跃用户”列：“很多”不是数字：可以写 1,234、12.5%、3.2万 或 ¥3,000。没有导入任何数据。"


def test_ambiguous_metric_names(store, tmp_path):
    store.define_metric(Metric(key="a", name="Visits"))
    store.define_metric(Metric(key="b", name="visits"))
    path = write(tmp_path / "v.csv", "date,Visits\n2026-11-01,1\n")
    with pytest.raises(CsvImportError, match="more than one metric is named 'Visits': use its key"):
        plan_csv_import(path, store)
    # A key wins over names.
    path = write(tmp_path / "k.csv", "date,A\n2026-11-01,1\n")
    assert plan_csv_import(path, store).rows[0][0] == "a"


# Replacing, counting, dry runs


def test_counts_added_and_replaced(metrics, tmp_path):
    metrics.record(Measurement(metric="dau", day=D(2026, 11, 2), value=1.0))
    metrics.record(Measurement(metric="dau", day=D(2026, 11, 9), value=1.0))  # outside the file's days
    metrics.record(Measurement(metric="revenue", day=D(2026, 11, 1), value=1.0))
    # dau: contiguous days 1-3 (counted in SQL); revenue: days 1 and 5 with a gap (set intersection).
    path = write(tmp_path / "r.csv", "date,dau,revenue\n2026-11-01,5,10\n2026-11-02,6,\n2026-11-03,7,\n2026-11-05,,12\n")
    plan = plan_csv_import(path, metrics)
    assert (plan.metrics["dau"].added, plan.metrics["dau"].replaced) == (2, 1)
    assert (plan.metrics["revenue"].added, plan.metrics["revenue"].replaced) == (1, 1)
    assert (plan.added, plan.replaced) == (3, 2)
    # Planning is a dry run: nothing changed yet.
    assert stored(metrics, "dau") == [(D(2026, 11, 2), 1.0), (D(2026, 11, 9), 1.0)]
    assert apply_csv_import(plan, metrics) == 5
    assert stored(metrics, "dau") == [(D(2026, 11, 1), 5.0), (D(2026, 11, 2), 6.0), (D(2026, 11, 3), 7.0), (D(2026, 11, 9), 1.0)]
    # The same file again replaces everything.
    again = plan_csv_import(path, metrics)
    assert (again.added, again.replaced) == (0, 5)


def test_header_only_plans_nothing(metrics, tmp_path):
    plan = plan_csv_import(write(tmp_path / "h.csv", "date,dau\n"), metrics)
    assert plan.rows == [] and plan.metrics["dau"].values == 0
    assert apply_csv_import(plan, metrics) == 0


# Defining metrics on the spot


def test_define_unknown_columns(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,Paid users,付费率,日活跃用户,流失,7日留存率\n2026-11-01,10,5%,100,2%,30%\n")
    plan = plan_csv_import(path, metrics, define=True)
    defined = {metric.key: metric for metric in plan.define}
    assert list(defined) == ["paid_users", "metric", "churn_rate", "d7_retention"]
    assert defined["paid_users"].model_dump(include={"name", "unit", "direction", "aggregation"}) == {
        "name": "Paid users", "unit": "", "direction": "up", "aggregation": "last"}
    # A name without ASCII letters: the key is made up, the name kept; its values had a % sign.
    assert defined["metric"].model_dump(include={"name", "unit", "aggregation"}) == {"name": "付费率", "unit": "%", "aggregation": "mean"}
    # A preset's name or alias: its key, unit, direction and aggregation, the name as written.
    assert defined["d7_retention"].model_dump(include={"name", "unit", "direction", "aggregation"}) == {
        "name": "7日留存率", "unit": "%", "direction": "up", "aggregation": "mean"}
    assert defined["churn_rate"].model_dump(include={"name", "direction"}) == {"name": "流失", "direction": "down"}
    assert [c.key for c in plan.metrics.values() if c.defined] == list(defined)
    assert not plan.metrics["dau"].defined
    assert metric_keys(metrics) == ["churn", "dau", "revenue"]  # planning defines nothing
    apply_csv_import(plan, metrics)
    assert metric_keys(metrics) == ["churn", "churn_rate", "d7_retention", "dau", "metric", "paid_users", "revenue"]
    assert stored(metrics, "metric") == [(D(2026, 11, 1), 5.0)]


def test_define_in_long_layout_and_unique_keys(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,metric,value\n2026-11-01,Revenue!,1\n2026-11-01,新指标,2\n2026-11-02,新指标,3\n2026-11-01,另一个,4\n")
    plan = plan_csv_import(path, metrics, define=True)
    assert [(m.key, m.name) for m in plan.define] == [("revenue_2", "Revenue!"), ("metric", "新指标"), ("metric_2", "另一个")]
    assert plan.metrics["metric"].added == 2
    assert apply_csv_import(plan, metrics) == 4


def test_without_define_nothing_is_defined_and_with_it_the_error_is_the_same_line(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,metric,value\n2026-11-01,new_one,1\n2026-11-02,new_one,x\n")
    with pytest.raises(CsvImportError) as caught:
        plan_csv_import(path, metrics, define=True)
    assert (caught.value.line, caught.value.column) == (3, "value")
    assert metric_keys(metrics) == ["churn", "dau", "revenue"]


def test_a_metric_defined_meanwhile_fails_the_whole_import(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,dau,visits\n2026-11-01,1,2\n")
    plan = plan_csv_import(path, metrics, define=True)
    metrics.define_metric(Metric(key="visits", name="Visits"))
    with pytest.raises(CsvImportError, match="the metrics changed while importing"):
        apply_csv_import(plan, metrics)
    assert stored(metrics, "dau") == []


def test_a_metric_removed_meanwhile_fails_the_whole_import(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,dau,churn\n2026-11-01,1,2\n")
    plan = plan_csv_import(path, metrics)
    with metrics.db.write() as conn:
        conn.execute("DELETE FROM metrics WHERE key = 'churn'")
    with pytest.raises(CsvImportError, match="no metric with the key 'churn'"):
        apply_csv_import(plan, metrics)
    assert stored(metrics, "dau") == []
    # Foreign keys are checked again afterwards.
    with metrics.db.read() as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_row_the_database_refuses_fails_the_whole_import(metrics, tmp_path):
    path = write(tmp_path / "d.csv", "date,dau,churn\n2026-11-01,1,2\n")
    plan = plan_csv_import(path, metrics)
    plan.rows[-1] = (*plan.rows[-1][:2], float("nan"), *plan.rows[-1][3:])  # stored as NULL: NOT NULL fails
    with pytest.raises(StoreError, match="NOT NULL constraint failed"):
        metrics.import_measurements([], plan.rows)
    with pytest.raises(CsvImportError, match="the metrics changed while importing .*NOT NULL constraint failed"):
        apply_csv_import(plan, metrics)
    assert stored(metrics, "dau") == []


@pytest.mark.parametrize(
    ("name", "key"),
    [("Paid users", "paid_users"), ("D7 Retention (%)", "d7_retention"), ("7-day revenue", "m_7_day_revenue"),
     ("日活", "metric"), ("Café visits", "cafe_visits"), ("x" * 60, "x" * 40), ("__", "metric")],
)
def test_slugify_key(name, key):
    assert slugify_key(name) == key


# Progress and size


def test_progress_is_reported_for_large_files(metrics, tmp_path):
    lines = ["date,metric,value"] + [f"{D(2000, 1, 1) + dt.timedelta(days=n)},dau,{n}" for n in range(12_000)]
    path = write(tmp_path / "big.csv", "\n".join(lines) + "\n")
    assert count_rows(path) == 12_000
    seen: list[int] = []
    plan = plan_csv_import(path, metrics, progress=seen.append)
    assert seen == [5000, 10000, 12000]
    applied: list[int] = []
    assert apply_csv_import(plan, metrics, progress=applied.append) == 12_000
    assert applied == [5000, 10000, 12000]
    assert len(stored(metrics, "dau")) == 12_000


def test_count_rows_of_a_missing_file_is_zero(tmp_path):
    assert count_rows(tmp_path / "missing.csv") == 0


def test_progress_of_a_wide_file_counts_lines(metrics, tmp_path):
    lines = ["date,dau,revenue"] + [f"{D(2000, 1, 1) + dt.timedelta(days=n)},{n},{n}" for n in range(5500)]
    path = write(tmp_path / "wide.csv", "\n".join(lines) + "\n")
    seen: list[int] = []
    plan = plan_csv_import(path, metrics, progress=seen.append)
    assert seen == [5000, 5500] and len(plan.rows) == 11_000
