"""Quick capture: kind prefixes, #tags, title and body, and that nothing typed is lost."""

from __future__ import annotations

import pytest

from growthlog.services.capture import SHORT_TITLE, Capture, parse_capture
from growthlog.textutil import TITLE_MAX, clean_line, find_tags, normalize_tag, strip_tags


def test_plain_line_is_a_title():
    assert parse_capture("  今天上线了拉新活动  ") == Capture(kind=None, title="今天上线了拉新活动", body="", tags=[])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("problem: 留存下降", "problem"),
        ("Problem: 留存下降", "problem"),
        ("PROBLEM:留存下降", "problem"),
        ("problem：留存下降", "problem"),
        ("issue: 留存下降", "problem"),
        ("问题：留存下降", "problem"),
        ("问题: 留存下降", "problem"),
        ("问题反思：留存下降", "problem"),
        ("反思 ： 留存下降", "problem"),
        ("  strategy: 留存下降", "strategy"),
        ("策略调整：留存下降", "strategy"),
        ("lesson: 留存下降", "lesson"),
        ("经验：留存下降", "lesson"),
        ("总结：留存下降", "lesson"),
        ("market: 留存下降", "market"),
        ("市场观察：留存下降", "market"),
        ("collab: 留存下降", "collab"),
        ("团队协作：留存下降", "collab"),
        ("learning: 留存下降", "learning"),
        ("个人成长：留存下降", "learning"),
        ("持续学习：留存下降", "learning"),
        ("plan: 留存下降", "plan"),
        ("未来计划：留存下降", "plan"),
        ("计划：留存下降", "plan"),
        ("note: 留存下降", "note"),
        ("日常记录：留存下降", "note"),
    ],
)
def test_kind_prefix(text, kind):
    capture = parse_capture(text)
    assert capture.kind == kind
    assert capture.title == "留存下降"


@pytest.mark.parametrize(
    "text",
    ["todo: 留存下降", "DAU: 12000", "12:30 开会", "注意：留存下降", "https://example.com/a", "a:b"],
)
def test_unknown_prefix_is_part_of_the_title(text):
    capture = parse_capture(text)
    assert capture.kind is None
    assert capture.title == text


def test_kind_prefix_alone_gives_an_empty_title():
    assert parse_capture("问题：") == Capture(kind="problem", title="", body="", tags=[])
    assert parse_capture("problem:   ") == Capture(kind="problem", title="", body="", tags=[])


def test_kind_prefix_then_the_title_on_the_next_line():
    capture = parse_capture("问题：\n留存下降\n原因待查")
    assert (capture.kind, capture.title, capture.body) == ("problem", "留存下降", "原因待查")


def test_only_the_first_prefix_counts():
    capture = parse_capture("问题：策略：留存下降")
    assert capture.kind == "problem"
    assert capture.title == "策略：留存下降"


# --- tags ----------------------------------------------------------------------------------------


def test_tag_right_after_chinese_text():
    assert parse_capture("留存率下降#留存") == Capture(kind=None, title="留存率下降", body="", tags=["留存"])


def test_full_width_hash_from_a_chinese_input_method():
    assert parse_capture("留存率下降＃留存") == Capture(kind=None, title="留存率下降", body="", tags=["留存"])


def test_kind_and_tags_together():
    capture = parse_capture("问题：留存率下降#留存 #D7")
    assert capture == Capture(kind="problem", title="留存率下降", body="", tags=["留存", "d7"])


def test_tags_at_the_end_are_taken_off_the_title():
    capture = parse_capture("DAU 回升 #增长 #Retention #增长")
    assert capture.title == "DAU 回升"
    assert capture.tags == ["增长", "retention"]


def test_tags_at_the_start_are_taken_off_the_title():
    capture = parse_capture("#增长 #拉新 今天的活动效果不错")
    assert capture.title == "今天的活动效果不错"
    assert capture.tags == ["增长", "拉新"]


def test_tags_mid_text_are_tags_and_stay_in_the_sentence():
    # Taking 市场部 out of the sentence would change what it says.
    capture = parse_capture("和 #市场部 一起做了直播 #协作")
    assert capture.title == "和 #市场部 一起做了直播"
    assert capture.tags == ["市场部", "协作"]


def test_sentence_end_after_the_last_tag_is_kept():
    assert parse_capture("学习了增长模型 #growth。").title == "学习了增长模型。"
    assert parse_capture("learned SQL #sql.").tags == ["sql"]


@pytest.mark.parametrize(
    "text",
    [
        "C# 入门",
        "学习 C#",
        "F# and C# notes",
        "issue #123 fixed",
        "排名 #1",
        "page.html#top",
        "a&#39;b",
        "##",
        "# 标题",
    ],
)
def test_hashes_that_are_not_tags(text):
    capture = parse_capture(text)
    assert capture.tags == []
    assert capture.title == clean_line(text)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("看 https://example.com/page#anchor 的数据", "https://example.com/page#anchor"),
        ("see https://x.cn/页面#锚点", "https://x.cn/页面#锚点"),
        ("https://a.com/?q=#frag", "https://a.com/?q=#frag"),
        ("docs https://a.com/#/route/x", "https://a.com/#/route/x"),
    ],
)
def test_url_anchors_are_not_tags(text, url):
    capture = parse_capture(text)
    assert capture.tags == []
    assert url in capture.title


def test_url_and_a_real_tag():
    capture = parse_capture("竞品新功能 https://x.cn/p#intro #竞品")
    assert capture.title == "竞品新功能 https://x.cn/p#intro"
    assert capture.tags == ["竞品"]


def test_tags_in_the_body_are_tags_too_and_the_body_keeps_them():
    capture = parse_capture("周会纪要\n讨论了 #留存 和 #转化\n下周跟进")
    assert capture.title == "周会纪要"
    assert capture.body == "讨论了 #留存 和 #转化\n下周跟进"
    assert capture.tags == ["留存", "转化"]


def test_tag_characters():
    assert find_tags("#a-b #c_d #v1.2 #c++ #path/to #tail. #slash/") == ["a-b", "c_d", "v1.2", "c++", "path/to", "tail", "slash"]
    assert find_tags("#2026复盘 #Q4") == ["2026复盘", "q4"]
    assert find_tags("#留存，#转化！#拉新") == ["留存", "转化", "拉新"]


def test_normalize_tag():
    assert normalize_tag(" #Growth Hacking ") == "growth-hacking"
    assert normalize_tag("＃留存") == "留存"
    assert normalize_tag("ÀB") == "Àb"  # only ASCII is folded, like SQLite's lower()


def test_strip_tags_leaves_text_without_tags_alone():
    assert strip_tags("  没有标签  ") == "没有标签"
    assert strip_tags("#只有标签") == ""
    assert strip_tags("#a #b") == ""


# --- title and body ------------------------------------------------------------------------------


def test_first_line_is_the_title_and_the_rest_the_body():
    capture = parse_capture("标题\n第一段\n\n  缩进的第二段\n")
    assert capture.title == "标题"
    assert capture.body == "第一段\n\n  缩进的第二段"


def test_windows_line_ends():
    capture = parse_capture("标题\r\n正文一\r\n正文二")
    assert (capture.title, capture.body) == ("标题", "正文一\n正文二")


def test_blank_lines_before_the_title_are_skipped():
    assert parse_capture("\n\n  标题\n正文").title == "标题"


def test_empty_text():
    assert parse_capture("") == Capture(kind=None, title="", body="", tags=[])
    assert parse_capture(" \n\t ") == Capture(kind=None, title="", body="", tags=[])


def test_title_at_the_limit_is_kept_whole():
    text = "留" * TITLE_MAX
    capture = parse_capture(text)
    assert capture.title == text
    assert capture.body == ""


def test_huge_first_line_is_kept_whole_in_the_body():
    first = "长" * 5000 + " #标签 " + "尾" * 10
    capture = parse_capture(first + "\n第二行")
    assert len(capture.title) <= TITLE_MAX
    assert capture.title == "长" * SHORT_TITLE + "…"
    assert capture.body == first + "\n第二行"
    assert capture.tags == ["标签"]


def test_huge_paste_on_one_line_loses_nothing():
    text = "x" * 200_000
    capture = parse_capture(text)
    assert capture.body == text
    assert capture.title.endswith("…")


# --- control characters --------------------------------------------------------------------------


def test_control_characters_and_escapes_are_removed():
    capture = parse_capture("\x1b[31m问题\x1b[0m：留存\x07下降\x00 #留存\x1b]0;title\x07\n正文\x1b[2J\t保留")
    assert capture.kind == "problem"
    assert capture.title == "留存下降"
    assert capture.tags == ["留存"]
    assert capture.body == "正文\t保留"


def test_tab_in_the_title_becomes_a_space():
    assert parse_capture("a\tb").title == "a b"


def test_unterminated_escape_keeps_the_rest():
    capture = parse_capture("标题\x1b]8;;\n正文还在")
    assert "\x1b" not in capture.title + capture.body
    assert capture.body == "正文还在"


def test_unicode_line_separator_splits_title_and_body():
    capture = parse_capture("标题\u2028正文")
    assert (capture.title, capture.body) == ("标题", "正文")


def test_capture_and_dates_are_import_light():
    # `growthlog add` uses them on every call and must not pay for pydantic or sqlite-utils.
    import subprocess
    import sys

    code = (
        "import sys, growthlog.services.capture, growthlog.services.dates, growthlog.textutil, growthlog.kinds\n"
        "print(sorted(m for m in ('pydantic', 'sqlite_utils', 'textual', 'platformdirs') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
