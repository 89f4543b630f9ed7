"""The demo's data files: well-formed, valid through the models, consistent with each other, and
shipped with the package."""

from __future__ import annotations

import datetime as dt
import glob
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from growthlog import kinds
from growthlog.demo import DAYS, build_demo_goals, build_demo_metrics, data, trend
from growthlog.demo.entries import ENTRY_KEYS, place_entry
from growthlog.demo.notes import DailyNotes, Template
from growthlog.demo.story import STREAK_DAYS, Story
from growthlog.models import CheckIn, Entry, field_is_date, field_names

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tui" / "growthlog" / "demo" / data.FOLDER
TODAY = dt.date(2026, 11, 20)


def section_entries() -> list[tuple[str, dict]]:
    """Every ``[[entry]]`` of every section named in the story, with its file."""
    found = []
    for section in data.read(data.STORY)["sections"]:
        name = data.section_file(section)
        found.extend((name, entry) for entry in data.read(name).get("entry", []))
    return found


ENTRIES = section_entries()


def test_every_data_file_is_read_through_importlib_resources():
    package = resources.files("growthlog.demo")
    for name in data.data_files():
        resource = package.joinpath(data.FOLDER, *name.split("/"))
        assert resource.is_file(), name
        assert tomllib.loads(resource.read_text(encoding="utf-8")) == data.read(name)


def test_every_data_file_is_shipped_and_every_shipped_one_is_read():
    """The wheel holds what package-data matches: each file the engine reads must be matched, and
    a file in the data folder that no list names (a section left out of story.toml) is an error."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set()
    for package, patterns in settings["tool"]["setuptools"]["package-data"].items():
        folder = ROOT / "tui" / package.replace(".", "/")
        for pattern in patterns:
            shipped.update((folder / p).resolve() for p in glob.glob(pattern, root_dir=folder, recursive=True))
    read = {(DATA / name).resolve() for name in data.data_files()}
    assert read <= shipped, sorted(str(p) for p in read - shipped)
    on_disk = {p.resolve() for p in DATA.rglob("*") if p.is_file()}
    assert on_disk == read


def test_nothing_is_read_at_import():
    code = (
        "import importlib.resources as r\n"
        "opened = []\n"
        "files = r.files\n"
        "r.files = lambda *a: opened.append(a) or files(*a)\n"
        "import growthlog.demo, growthlog.demo.fill, growthlog.demo.notes\n"
        "print([a for a in opened if 'growthlog' in str(a)])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_sections_are_named_once_and_keys_are_unique():
    sections = data.read(data.STORY)["sections"]
    assert len(sections) == len(set(sections))
    keys = [entry["key"] for _, entry in ENTRIES if "key" in entry]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("where", "entry"), ENTRIES, ids=[f"{where}:{entry.get('title', '?')[:24]}" for where, entry in ENTRIES])
def test_section_entry_is_valid(where, entry):
    assert set(entry) <= ENTRY_KEYS
    assert entry["kind"] in kinds.KINDS
    assert 0 <= entry["offset"] < DAYS and entry["offset"] != STREAK_DAYS
    if "updated_offset" in entry:
        assert 0 <= entry["updated_offset"] < entry["offset"]
    if "hour" in entry:
        assert 0 <= entry["hour"] < 24
    fields = entry.get("fields", {})
    assert set(fields) <= set(field_names(entry["kind"]))
    for name, value in fields.items():
        if field_is_date(entry["kind"], name):
            assert isinstance(value, int) and value < DAYS, name  # an offset; negative: after today
    keys = {e["key"] for _, e in ENTRIES if "key" in e}
    assert set(entry.get("links", ())) <= keys
    # Validated as the engine builds it: the kind's own model refuses a bad field or choice.
    story = Story(TODAY, 7, author="test")
    place_entry(story, entry | {"links": []}, where)
    (placed,) = story.entries()
    assert placed.kind == entry["kind"] and placed.title and placed.body == entry.get("body", "").strip()


def test_an_unknown_name_or_field_in_an_entry_is_refused():
    with pytest.raises(ValueError, match="unknown tag"):
        place_entry(Story(TODAY, 7, author="test"), {"offset": 3, "kind": "note", "title": "x", "tag": ["typo"]}, "test")
    with pytest.raises(ValueError, match="unknown kind"):
        place_entry(Story(TODAY, 7, author="test"), {"offset": 3, "kind": "idea", "title": "x"}, "test")
    for fields in ({"severity": "huge"}, {"reason": "a typo of cause"}):
        story = Story(TODAY, 7, author="test")
        place_entry(story, {"offset": 3, "kind": "problem", "title": "x", "fields": fields}, "test")
        with pytest.raises(ValueError):
            story.entries()


def notes() -> DailyNotes:
    return DailyNotes.from_data(data.read(data.DAILY_NOTES))


def all_templates() -> list[Template]:
    daily = notes()
    return [daily.weekly, *daily.chinese, *daily.english, *daily.weekend]


def test_template_names_are_unique_and_both_languages_are_there():
    names = [t.name for t in all_templates()]
    assert len(names) == len(set(names))
    daily = notes()
    assert len(daily.chinese) >= 2 and len(daily.english) >= 2 and daily.weekend


@pytest.mark.parametrize("template", all_templates(), ids=lambda t: t.name)
def test_every_template_writes_a_valid_note_on_every_day(template):
    story = Story(TODAY, 7, author="test")
    for offset in range(DAYS):
        title, body, tags = template.write(story, offset)
        entry = Entry(day=story.day(offset), kind="note", title=title, body=body, tags=list(tags))
        assert entry.title and "{" not in title + body


@pytest.mark.parametrize(
    "draw",
    ["x = __import__('os')", "x = open('/etc/passwd')", "x = (1).real", "x = [i for i in range(3)]", "x = y", "x = number"],
)
def test_a_draw_can_only_draw(draw):
    story = Story(TODAY, 7, author="test")
    with pytest.raises(ValueError):
        Template.from_data({"name": "bad", "title": "t", "draw": draw}).write(story, 1)


def test_a_draw_is_a_name_and_an_expression():
    with pytest.raises(ValueError):
        Template.from_data({"name": "bad", "title": "t", "draw": "import os"})
    with pytest.raises(ValueError):
        Template.from_data({"name": "bad", "title": "t", "draw": "a, b = 1, 2"})


def test_metrics_have_curves_and_their_notes_fall_within_the_demo():
    spec = data.read(data.METRICS)
    metrics, rows = build_demo_metrics(TODAY)  # validated through the Metric model
    assert [m.key for m in metrics] == [m["key"] for m in spec["metric"]]
    for metric in spec["metric"]:
        trend(metric["key"], 0)  # every metric has a curve
        assert all(0 <= int(offset) < DAYS for offset in metric.get("notes", {}))
        assert metric["digits"] >= 0 and 0 < metric["spread"] < 0.1
    assert {note for *_, note, _source in rows if note} == {
        note for metric in spec["metric"] for note in metric.get("notes", {}).values()
    }


def test_goals_are_valid_and_their_parents_come_first():
    goals = build_demo_goals(TODAY)  # validated through the Goal model
    seen = set()
    metrics = {m.key for m in build_demo_metrics(TODAY)[0]}
    for item in goals:
        assert item.parent is None or item.parent in seen, item.key
        assert item.goal.metric is None or item.goal.metric in metrics
        assert 0 <= (TODAY - item.goal.start).days < DAYS
        for offset, value, confidence, note in item.checkins:
            assert 0 <= offset < DAYS
            CheckIn(goal_id=1, day=TODAY, value=value, confidence=confidence, note=note)
        seen.add(item.key)
    assert len(seen) == len(goals)


def test_the_review_has_every_written_part():
    written = data.read(data.REVIEW)
    assert set(written) == {"summary", "went_well", "to_improve", "plan"}
    assert all(text.strip() for text in written.values())
