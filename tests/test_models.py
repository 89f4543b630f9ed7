"""Entry validation: what is refused, what is cleaned, and the kind fields' rules."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from growthlog import kinds
from growthlog.models import entries as models
from growthlog.models import KIND_FIELDS, Draft, Entry
from growthlog.textutil import BODY_MAX, TAG_MAX, TITLE_MAX

DAY = dt.date(2026, 11, 20)


def entry(**values) -> Entry:
    values.setdefault("day", DAY)
    values.setdefault("title", "标题")
    return Entry(**values)


def error_of(**values) -> dict:
    with pytest.raises(ValidationError) as caught:
        entry(**values)
    return caught.value.errors()[0]


# --- title ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   ", "\t\n", "\x1b[31m\x1b[0m", "\x00\x07"])
def test_empty_title_is_refused(title):
    error = error_of(title=title)
    assert error["loc"] == ("title",)
    assert "empty" in error["msg"]


def test_title_at_the_limit_is_kept_and_one_more_is_refused():
    assert entry(title="留" * TITLE_MAX).title == "留" * TITLE_MAX
    error = error_of(title="留" * (TITLE_MAX + 1))
    assert error["loc"] == ("title",)
    assert str(TITLE_MAX) in error["msg"]


def test_title_is_one_clean_line():
    cleaned = entry(title="  \x1b[1;31m红色\x1b[0m\x07 标题\n第二行\tend\x00  ").title
    assert cleaned == "红色 标题 第二行 end"


def test_title_keeps_markup_and_unicode_as_typed():
    # Markup is the display's business: the stored text is what was typed.
    assert entry(title="[bold]留存[/] 50% ✓").title == "[bold]留存[/] 50% ✓"


def test_title_must_be_text():
    assert error_of(title=5)["loc"] == ("title",)


# --- body ----------------------------------------------------------------------------------------


def test_body_keeps_newlines_and_tabs_but_not_escapes_or_controls():
    body = "第一行\r\n\t缩进\rthird\x1b[2J\x1b]0;evil title\x07\x08\x0b\x0c\x7f\x9b31m\x85end"
    assert entry(body=body).body == "第一行\n\t缩进\nthirdend"


def test_body_keeps_markdown_and_surrounding_blank_lines():
    body = "\n# 复盘\n\n- 留存 **下降**\n\n```\ncode\n```\n"
    assert entry(body=body).body == body


def test_unterminated_escape_in_a_body_loses_nothing_after_it():
    cleaned = entry(body="before\x1b]unterminated osc\nline two\nline three").body
    assert "line two\nline three" in cleaned
    assert cleaned.startswith("before")
    assert "\x1b" not in cleaned


def test_body_at_the_limit_is_kept_and_one_more_is_refused():
    assert len(entry(body="a" * BODY_MAX).body) == BODY_MAX
    error = error_of(body="a" * (BODY_MAX + 1))
    assert error["loc"] == ("body",)
    assert f"{BODY_MAX:,}" in error["msg"]


# --- tags ----------------------------------------------------------------------------------------


def test_tags_are_normalised_and_deduplicated_in_order():
    tags = entry(tags=["#Growth", "growth", " 留存 ", "＃留存", "A B", "", "#", "ＤＡＵ", "dau"]).tags
    assert tags == ["growth", "留存", "a-b", "ＤＡＵ", "dau"]


def test_tags_lose_control_characters():
    assert entry(tags=["\x1b[31m增长\x00"]).tags == ["增长"]


def test_tag_at_the_limit_is_kept_and_one_more_is_refused():
    assert entry(tags=["标" * TAG_MAX]).tags == ["标" * TAG_MAX]
    error = error_of(tags=["标" * (TAG_MAX + 1)])
    assert error["loc"] == ("tags",)
    assert str(TAG_MAX) in error["msg"]


def test_tags_must_be_a_list():
    assert error_of(tags="留存")["loc"] == ("tags",)


# --- author, kind, day ---------------------------------------------------------------------------


def test_author_is_one_line_of_at_most_100_characters():
    assert entry(author=" 王\n小明\x07 ").author == "王 小明"
    assert len(entry(author="x" * 500).author) == 100


def test_unknown_kind_is_refused():
    assert error_of(kind="bogus")["loc"] == ("kind",)
    assert error_of(kind="问题")["loc"] == ("kind",)  # labels are resolved before the model


@pytest.mark.parametrize("day", ["2026-11-20", DAY, "20261120", " 2026-11-20 "])
def test_day_accepts_dates_and_iso_text(day):
    assert entry(day=day).day == DAY


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "yesterday", "", 0, 86400, "86400", 1.0, None])
def test_day_refuses_what_is_not_a_date(day):
    # Numbers are not taken as Unix timestamps: 0 is not 1970-01-01.
    assert error_of(day=day)["loc"] == ("day",)


def test_created_and_updated_default_to_now_without_microseconds():
    before = dt.datetime.now().replace(microsecond=0)
    made = entry()
    after = dt.datetime.now()
    assert before <= made.created <= after
    assert made.created.microsecond == 0
    assert made.updated.microsecond == 0


def test_links_are_typed():
    made = entry(links=[{"type": "goal", "ref": "3"}])
    assert made.links == [models.Link(type="goal", ref="3")]
    assert error_of(links=[{"type": "user", "ref": "3"}])["loc"][0] == "links"


# --- kind fields ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_default_fields_match_the_models(kind):
    # The fast `growthlog add` path stores kinds.DEFAULT_FIELDS without pydantic.
    assert kinds.DEFAULT_FIELDS[kind] == KIND_FIELDS[kind]().model_dump(mode="json")
    assert entry(kind=kind).fields == kinds.DEFAULT_FIELDS[kind]


def test_kinds_agree_everywhere():
    assert tuple(KIND_FIELDS) == kinds.KINDS
    assert set(kinds.DEFAULT_FIELDS) == set(kinds.KINDS)
    assert set(kinds.KIND_ALIASES.values()) <= set(kinds.KINDS)
    # every kind can be named by its own id
    for kind in kinds.KINDS:
        assert kinds.KIND_ALIASES[kind] == kind
        assert kinds.resolve_kind(kind.upper()) == kind


def test_alias_keys_are_in_the_form_resolve_kind_looks_up():
    # resolve_kind strips and lower-cases: an alias with capitals or spaces could never match.
    for alias in kinds.KIND_ALIASES:
        assert alias == alias.strip().lower()
        assert kinds.resolve_kind(f"  {alias} ") == kinds.KIND_ALIASES[alias]
    assert kinds.resolve_kind("问题") == "problem"
    assert kinds.resolve_kind("Problem") == "problem"
    assert kinds.resolve_kind("todo") is None


def test_choice_vocabularies_match_the_models():
    assert models.field_choices("problem", "severity") == kinds.SEVERITIES
    assert models.field_choices("problem", "urgency") == kinds.URGENCIES
    assert models.field_choices("problem", "status") == kinds.PROBLEM_STATUSES
    assert models.field_choices("lesson", "outcome") == kinds.LESSON_OUTCOMES
    assert models.field_choices("market", "scope") == kinds.MARKET_SCOPES
    assert models.field_choices("market", "impact_on_us") == kinds.IMPACT_LEVELS
    assert models.field_choices("plan", "owner") is None
    assert models.field_choices("problem", "resolved_on") is None


def test_field_kinds_for_forms():
    assert models.field_names("note") == []
    assert models.field_names("plan") == ["due", "owner"]
    assert models.field_is_date("plan", "due")
    assert models.field_is_date("problem", "resolved_on")
    assert not models.field_is_date("plan", "owner")
    assert models.field_is_block("problem", "cause")
    assert not models.field_is_block("plan", "owner")
    assert not models.field_is_block("problem", "severity")


@pytest.mark.parametrize(
    ("kind", "name"),
    [("problem", "sevrity"), ("note", "severity"), ("plan", "title"), ("lesson", "takeaways")],
)
def test_unknown_field_names_are_refused(kind, name):
    error = error_of(kind=kind, fields={name: "x"})
    assert error["type"] == "extra_forbidden"
    assert error["loc"][-1] == name


@pytest.mark.parametrize(
    ("kind", "name", "good", "bad"),
    [
        ("problem", "severity", "critical", "urgent"),
        ("problem", "urgency", "high", "critical"),
        ("problem", "status", "resolved", "closed"),
        ("lesson", "outcome", "failure", "Success"),
        ("market", "scope", "policy", "global"),
        ("market", "impact_on_us", "low", "none"),
    ],
)
def test_choice_fields_take_only_their_choices(kind, name, good, bad):
    assert entry(kind=kind, fields={name: good}).fields[name] == good
    assert error_of(kind=kind, fields={name: bad})["loc"][-1] == name


@pytest.mark.parametrize(("kind", "name"), [("lesson", "outcome"), ("market", "scope"), ("market", "impact_on_us")])
@pytest.mark.parametrize("blank", ["", "   ", None])
def test_blank_optional_choice_is_none(kind, name, blank):
    assert entry(kind=kind, fields={name: blank}).fields[name] is None


def test_blank_choice_with_a_default_is_refused_not_guessed():
    assert error_of(kind="problem", fields={"severity": ""})["loc"][-1] == "severity"


@pytest.mark.parametrize(
    ("kind", "name"), [("problem", "resolved_on"), ("strategy", "effective_on"), ("strategy", "review_on"), ("plan", "due")]
)
def test_date_fields(kind, name):
    assert entry(kind=kind, fields={name: "2026-12-01"}).fields[name] == "2026-12-01"
    assert entry(kind=kind, fields={name: dt.date(2026, 12, 1)}).fields[name] == "2026-12-01"
    assert entry(kind=kind, fields={name: " 2026-12-01 "}).fields[name] == "2026-12-01"
    for blank in ("", "  ", None):
        assert entry(kind=kind, fields={name: blank}).fields[name] is None
    for bad in ("2026-12-32", "next week", "0", 0, 86400, "1700000000", "2026-12-01T10:00"):
        assert error_of(kind=kind, fields={name: bad})["loc"][-1] == name, bad


def test_field_text_is_cleaned_lines_stay_lines_blocks_keep_newlines():
    made = entry(
        kind="problem",
        fields={"cause": "第一\n\t第二\x1b[31m\x07", "impact": " 影响 "},
    )
    assert made.fields["cause"] == "第一\n\t第二"
    made = entry(kind="collab", fields={"people": " 市场部\n 运营部\x00 ", "result": "a\nb"})
    assert made.fields["people"] == "市场部 运营部"
    assert made.fields["result"] == "a\nb"


def test_field_length_limits_are_refused_with_a_readable_message():
    error = error_of(kind="problem", fields={"cause": "a" * 100_001})
    assert error["loc"][-1] == "cause"
    assert "100000" in error["msg"] and "character" in error["msg"]
    error = error_of(kind="strategy", fields={"metric": "a" * 2001})
    assert error["loc"][-1] == "metric"
    assert "character" in error["msg"]
    assert entry(kind="problem", fields={"cause": "a" * 100_000}).fields["cause"] == "a" * 100_000


def test_fields_are_stored_in_json_form_and_round_trip():
    made = entry(kind="plan", fields={"due": dt.date(2026, 12, 24), "owner": "小王"})
    assert made.fields == {"due": "2026-12-24", "owner": "小王"}
    again = Entry.model_validate(made.model_dump(mode="json"))
    assert again == made
    typed = again.field_model()
    assert isinstance(typed, models.PlanFields)
    assert typed.due == dt.date(2026, 12, 24)


def test_missing_fields_get_their_defaults():
    made = entry(kind="problem", fields={"severity": "high"})
    assert made.fields == {**kinds.DEFAULT_FIELDS["problem"], "severity": "high"}


def test_field_models_refuse_bad_assignment():
    fields = models.ProblemFields()
    with pytest.raises(ValidationError):
        fields.severity = "urgent"


def test_draft_keeps_any_data():
    draft = Draft(key="new", data={"title": "半句话", "fields": {"severity": "nonsense"}})
    assert draft.data["fields"]["severity"] == "nonsense"
    assert draft.entry_id is None


def test_goal_titles_are_checked_after_cleaning():
    import pytest
    from pydantic import ValidationError

    from growthlog.models import Goal

    for bad in ("   ", "\x1b[31m", "x" * 301):
        with pytest.raises(ValidationError):
            Goal(title=bad)
    assert Goal(title="  DAU 到 13.6 万 ").title == "DAU 到 13.6 万"
