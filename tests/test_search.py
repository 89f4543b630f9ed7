"""Full-text search: Chinese and English substrings of every length, ranking, literal matching of
query syntax, and filters. Search takes a different way for rare and common terms; every test runs
each way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthlog.models import Entry
from growthlog.store import EntryFilter, search
from growthlog.store.rows import fields_text
from growthlog.textutil import TITLE_MAX, clean_line

D = dt.date(2026, 11, 20)


@pytest.fixture(params=["index", "scan", "walk"])
def way(request, monkeypatch):
    """Force each way of searching: short terms through the trigram index and every match ranked
    ("index"); short terms scanned for ("scan"); or every index answer taken as many, so that only
    the most recently written matches are ranked ("walk")."""
    monkeypatch.setattr(search, "COMMON_POSTINGS", 0 if request.param == "scan" else 10**9)
    monkeypatch.setattr(search, "RANK_ALL_MAX", 0 if request.param == "walk" else 10**9)
    return request.param


@pytest.fixture
def s(store, way):
    return store


def add(store, title: str, day: dt.date = D, **values) -> int:
    return store.add_entry(Entry(day=day, title=title, **values)).id


# --- Chinese of every length, in every place -------------------------------------------------------


@pytest.fixture
def places(s):
    """The same words in the title, the body, a tag and a kind field of different entries."""
    ids = {
        "title": add(s, "本周留存率下降"),
        "title_end": add(s, "提升留存"),
        "title_exact": add(s, "留存"),
        "title_one": add(s, "留"),
        "body": add(s, "周报", body="第一段\n次日留存率回升到 40%"),
        "body_end": add(s, "周报二", body="重点是留存"),
        "tag": add(s, "打卡活动", tags=["留存率"]),
        "tag_short": add(s, "社群活动", tags=["留存"]),
        "field": add(s, "推送太多", kind="problem", fields={"impact": "用户留存率受影响"}),
        "field_end": add(s, "渠道复盘", kind="market", fields={"subject": "竞品留存"}),
        "none": add(s, "拉新活动", body="新增用户 1200", tags=["拉新"]),
    }
    return s, ids


def found(store, query, **kwargs) -> set[int]:
    return set(store.search_ids(query, **kwargs))


def test_one_chinese_character(places):
    store, ids = places
    assert found(store, "留") == set(ids.values()) - {ids["none"]}


def test_two_chinese_characters(places):
    store, ids = places
    assert found(store, "留存") == set(ids.values()) - {ids["none"], ids["title_one"]}


def test_three_chinese_characters(places):
    store, ids = places
    assert found(store, "留存率") == {ids["title"], ids["body"], ids["tag"], ids["field"]}


def test_longer_chinese_phrase(places):
    store, ids = places
    assert found(store, "次日留存率") == {ids["body"]}
    assert found(store, "用户留存率受影响") == {ids["field"]}
    assert found(store, "留存率上升") == set()


def test_absent_characters_find_nothing(places):
    store, _ = places
    assert found(store, "鲲") == set()
    assert found(store, "鲲鹏") == set()
    assert found(store, "鹏程万里") == set()


def test_other_short_terms(places):
    store, ids = places
    assert found(store, "拉新") == {ids["none"]}
    assert found(store, "周") == {ids["title"], ids["body"], ids["body_end"]}
    assert found(store, "40") == {ids["body"]}
    assert found(store, "%") == {ids["body"]}


# --- English -------------------------------------------------------------------------------------


@pytest.fixture
def english(s):
    ids = {
        "dau": add(s, "DAU dropped after the update"),
        "retention": add(s, "weekly sync", body="Retention is up; D7 looks better"),
        "ab": add(s, "A/B test on the paywall", tags=["AB"]),
        "tag": add(s, "campaign", tags=["SEO"]),
        "field": add(s, "new course", kind="learning", fields={"skill": "SQL window functions"}),
    }
    return s, ids


@pytest.mark.parametrize("query", ["dau", "DAU", "Dau", "dAU"])
def test_english_is_case_insensitive(english, query):
    store, ids = english
    assert found(store, query) == {ids["dau"]}


@pytest.mark.parametrize(("query", "key"), [("RETENTION", "retention"), ("d7", "retention"), ("D7", "retention"),
                                            ("seo", "tag"), ("Eo", "tag"), ("sql", "field"), ("Sq", "field"),
                                            ("window", "field"), ("ab", "ab"), ("A/B", "ab"), ("a/", "ab")])
def test_english_in_every_place(english, query, key):
    store, ids = english
    assert found(store, query) == {ids[key]}


def test_english_substrings(english):
    store, ids = english
    assert found(store, "etenti") == {ids["retention"]}
    assert found(store, "pay") == {ids["ab"]}
    assert found(store, "p") == {ids["dau"], ids["retention"], ids["ab"], ids["tag"]}


def test_non_ascii_capitals(s):
    ecole = add(s, "École d'été")
    assert found(s, "École") == {ecole}
    assert found(s, "ÉCOLE") == {ecole}
    assert found(s, "É") == {ecole}
    assert found(s, "Éc") == {ecole}


def test_short_terms_fold_case_as_the_index_does(s):
    # SQLite's index folds µ (micro) to μ, ς to σ and ſ to s, and keeps İ: Python's lower() does not.
    micro = add(s, "延迟 200µs 以内")
    greek = add(s, "λόγος")
    turkish = add(s, "İstanbul ſtraße")
    assert found(s, "µs") == found(s, "µ") == found(s, "200µs") == {micro}
    assert found(s, "ς") == found(s, "ος") == found(s, "γος") == {greek}
    assert found(s, "İs") == found(s, "İ") == {turkish}
    assert found(s, "ſt") == {turkish}


# --- several terms -------------------------------------------------------------------------------


@pytest.fixture
def mixed(s):
    ids = {
        "both": add(s, "留存下降", body="DAU 也下降了"),
        "both_tag": add(s, "周报", tags=["留存", "dau"]),
        "zh_only": add(s, "留存回升"),
        "en_only": add(s, "DAU record"),
        "neither": add(s, "拉新"),
    }
    return s, ids


@pytest.mark.parametrize("query", ["留存 dau", "dau 留存", "留存 DAU", "  留存   dau  ", "留存\u3000dau", "留存\tdau"])
def test_every_term_must_match(mixed, query):
    store, ids = mixed
    assert found(store, query) == {ids["both"], ids["both_tag"]}


def test_mixed_lengths(mixed):
    store, ids = mixed
    assert found(store, "留 DAU 下降") == {ids["both"]}
    assert found(store, "留存 record") == set()
    assert found(store, "留 存") == {ids["both"], ids["both_tag"], ids["zh_only"]}


def test_a_term_repeated_is_one_term(mixed):
    store, ids = mixed
    assert found(store, "留存 留存") == {ids["both"], ids["both_tag"], ids["zh_only"]}


def test_empty_query_finds_nothing(mixed):
    store, _ = mixed
    assert store.search_ids("") == []
    assert store.search_ids("   \n\t") == []


# --- ranking -------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["留存率", "留存", "留", "retention", "re"])
def test_title_hit_ranks_above_body_hit(s, term):
    in_title_old = add(s, f"{term} 周报", day=D - dt.timedelta(days=30))
    in_body_new = add(s, "周报", body=f"这周的 {term} 情况", day=D)
    in_tag = add(s, "标签周报", tags=[term], day=D - dt.timedelta(days=10))
    ranked = s.search_ids(term)
    assert set(ranked) == {in_title_old, in_body_new, in_tag}
    assert ranked.index(in_title_old) < ranked.index(in_body_new)
    assert ranked.index(in_tag) < ranked.index(in_body_new)


@pytest.mark.parametrize("query", ["留存 dau", "留存率 retention", "留 d"])
def test_more_terms_in_the_title_rank_higher(s, query):
    first, second = query.split()
    both_in_body = add(s, "周报", body=f"{first} {second}", day=D)
    one_in_title = add(s, f"{first}周报", body=second, day=D - dt.timedelta(days=1))
    both_in_title = add(s, f"{first} {second}", day=D - dt.timedelta(days=2))
    one_in_tags = add(s, "周报二", body=first, tags=[second], day=D)
    assert s.search_ids(query) == [both_in_title, one_in_title, one_in_tags, both_in_body]


@pytest.mark.parametrize("term", ["留存率", "留存", "留", "retention", "re"])
def test_among_equals_newest_first(s, term):
    days = [D - dt.timedelta(days=n) for n in (5, 1, 3)]
    ids = [add(s, f"{term} 周报", day=day) for day in days]
    same_day_later = add(s, f"{term} 周报", day=days[1])
    assert s.search_ids(term) == [same_day_later, ids[1], ids[2], ids[0]]


def test_limit_keeps_the_best(s, way):
    ids = [add(s, "留存 周报", day=D - dt.timedelta(days=n)) for n in range(10)]
    body_hit = add(s, "周报", body="留存", day=D + dt.timedelta(days=1))
    assert s.search_ids("留存", limit=11) == [*ids, body_hit]
    if way == "index":
        assert s.search_ids("留存", limit=3) == ids[:3]
    elif way == "walk":
        # many index matches: the `limit` most recently written are ranked among themselves
        assert s.search_ids("留存", limit=3) == [ids[8], ids[9], body_hit]
    else:
        # a common short term: the matches of the latest days are ranked among themselves
        assert s.search_ids("留存", limit=3) == [*ids[:2], body_hit]
    assert s.search_ids("留存", limit=0) == []


@pytest.mark.parametrize("term", ["留存", "留存率"])
def test_many_matches_with_a_narrow_filter_are_all_ranked(store, monkeypatch, term):
    monkeypatch.setattr(search, "COMMON_POSTINGS", 10**9)
    monkeypatch.setattr(search, "RANK_ALL_MAX", 5)
    tagged_old_title = add(store, f"{term} 周报", day=D - dt.timedelta(days=30), tags=["重点"])
    for n in range(10):
        add(store, "周报", body=term, day=D - dt.timedelta(days=n))
    tagged_new_body = add(store, "周报", body=term, day=D, tags=["重点"])
    # 12 matches: without a filter only the newest written is ranked at limit 1...
    assert store.search_ids(term, limit=1) == [tagged_new_body]
    # ...but the tag leaves two, and both are ranked
    assert store.search_ids(term, where=EntryFilter(tag="重点"), limit=1) == [tagged_old_title]
    assert store.search_ids(term, where=EntryFilter(tag="重点")) == [tagged_old_title, tagged_new_body]


def test_a_term_longer_than_a_like_pattern_may_be(s):
    # SQLite refuses LIKE patterns over 50,000 bytes: ranking must not ask whether a term longer
    # than any title or tag is in the title or the tags.
    word = "".join(chr(0x4E00 + i * 7 % 20_000) for i in range(17_000))  # 51,000 bytes
    long_body = add(s, "长文", body=f"开头 {word} 结尾")
    assert s.search_ids(word) == [long_body]
    assert s.search_ids(word + "留") == []


# --- any query -----------------------------------------------------------------------------------

# Entries the property below searches: every place a term can be (title, body, tags, a kind
# field), query syntax as data, letters whose case folding differs between Python and SQLite's
# index (µ, ς, ſ, İ, the Kelvin sign, Ꭰ), and a word far longer than a title (varied: the index takes seconds to
# match a long phrase of one repeated character; past the LIKE limit see the test above).
LONG = "".join(chr(0x20000 + i * 7919 % 42_000) for i in range(3_000))
KNOWN = [
    {"title": "本周留存率下降", "body": "DAU 也下降了；次日留存 40%", "tags": ["留存", "dau"]},
    {"title": 'He said "hi" (step 2) a*b', "body": "snake_case 50% C:\\logs x^2 3:1 {title}", "tags": ["SEO", "c#"]},
    {"title": "AND OR NOT NEAR words", "kind": "problem", "fields": {"cause": "推送太多", "impact": "用户留存率受影响"}},
    {"title": "延迟 200µs 以内", "body": "École d'été; λόγος; ſtraße; İstanbul; 5 \u212a (Kelvin); Ꭰ", "tags": ["Ünïcode"]},
    {"title": "他说“留存”很重要", "body": "'; DROP TABLE entries; --", "kind": "lesson"},
    {"title": "长文", "body": LONG},
]
_TEXTS = [text for entry in KNOWN for text in (entry["title"], entry.get("body", ""), *entry.get("tags", ()))]
_ALPHABET = "留存率下降用户周报DAUdauxy\"'()*-^:{}[]%_\\+#“”µΜμςσſsİiıÉé\u212aKkᎠꭰ \u3000\t\n\x00\x1b"
_cases = st.sampled_from([str, str.upper, str.lower, str.swapcase])
_fragments = st.tuples(st.sampled_from(_TEXTS), st.integers(0, 60), st.integers(1, 8), _cases).map(
    lambda a: a[3](a[0][a[1] : a[1] + a[2]])
)
_long_words = st.tuples(st.integers(0, 3), st.sampled_from([TITLE_MAX + 1, 1_000, len(LONG) - 3])).map(
    lambda a: LONG[a[0] : a[0] + a[1]]
)
_terms = st.one_of(
    st.text(),
    st.text(alphabet=_ALPHABET, max_size=6),
    st.sampled_from(["AND", "OR", "NOT", "NEAR", "NEAR(", "title:", "留存*", '"留存', "-留存", "^留", "c#", "*", '"""']),
    _fragments,
)
_spaces = st.sampled_from([" ", "  ", "\u3000", "\t", "\n"])
QUERIES = st.one_of(
    st.text(),
    st.text(alphabet=_ALPHABET),
    _fragments,
    st.lists(_terms, max_size=4).map(" ".join),
    st.lists(st.tuples(_terms, _spaces), max_size=4).map(lambda pairs: "".join(a + b for a, b in pairs)),
    st.tuples(_long_words, _terms).map(" ".join),  # the slow ones: up to 0.1 s each
)


def _columns(entry: Entry) -> tuple[str, ...]:
    """What search looks in: the title, the body, the tags and the kind fields' values."""
    return entry.title, entry.body, " ".join(entry.tags), fields_text(entry.fields)


def _ascii_folded(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


@pytest.fixture
def known(s):
    for values in KNOWN:
        s.add_entry(Entry(day=D, **values))
    return s


# One store for all the examples of a run (each removes the entry it adds): a fresh one each time
# would cost more than the searches.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_any_query_finds_exactly_the_entries_holding_every_term(known, query):
    """For any text: every entry found holds every term of the query (whitespace-separated, after
    the cleaning of a line), and every entry holding every term is found: exactly as written or
    with other ASCII capitals surely, other capitals possibly (the index folds them, a scan does
    not). An entry whose title (or, past a title's length, whose body) is the query is found."""
    store = known
    terms = clean_line(query).split()
    if not terms:
        assert store.search_ids(query) == []
        return
    cleaned = " ".join(terms)
    fits = len(cleaned) <= TITLE_MAX
    own = store.add_entry(Entry(day=D, title=cleaned if fits else "长查询", body="" if fits else cleaned)).id
    try:
        found = store.search_ids(query)
        assert len(found) == len(set(found)) and own in found
        for entry in store.list_entries(limit=100):
            columns = _columns(entry)
            surely = all(any(_ascii_folded(term) in _ascii_folded(c) for c in columns) for term in terms)
            possibly = all(any(term.casefold() in c.casefold() for c in columns) for term in terms)
            if surely:
                assert entry.id in found, (entry.title, terms)
            elif not possibly:
                assert entry.id not in found, (entry.title, terms)
    finally:
        store.delete_entry(own)
    assert store.count_entries() == len(KNOWN)


# --- query syntax is data ------------------------------------------------------------------------


@pytest.fixture
def literal(s):
    texts = {
        "quote": 'he said "hi" there',
        "parens": "funnel (step 2) broke",
        "star": "a*b test",
        "dash": "pre-launch check",
        "caret": "x^2 growth",
        "colon": "ratio 3:1 kept",
        "ops": "AND OR NOT NEAR words",
        "pct": "rate 50% up",
        "under": "snake_case name",
        "backslash": "path C:\\logs",
        "zh_quote": "他说“留存”很重要",
    }
    return s, {key: add(s, text) for key, text in texts.items()}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ('"hi"', "quote"),
        ('"', "quote"),
        ('i"', "quote"),
        ("(step", "parens"),
        ("2)", "parens"),
        ("(", "parens"),
        ("a*b", "star"),
        ("*", "star"),
        ("-launch", "dash"),
        ("-", "dash"),
        ("x^2", "caret"),
        ("^", "caret"),
        ("3:1", "colon"),
        ("3:", "colon"),
        ("AND", "ops"),
        ("NEAR", "ops"),
        ("NOT", "ops"),
        ("OR", "ops"),
        ("%", "pct"),
        ("50%", "pct"),
        ("_", "under"),
        ("e_c", "under"),
        ("\\", "backslash"),
        (":\\", "backslash"),
        ("“留存”", "zh_quote"),
        ("“", "zh_quote"),
    ],
)
def test_query_syntax_is_matched_literally(literal, query, key):
    store, ids = literal
    assert found(store, query) == {ids[key]}


def test_like_wildcards_are_not_wildcards(literal):
    store, _ = literal
    assert found(store, "%%") == set()
    assert found(store, "__") == set()
    assert found(store, "a%b") == set()


# --- filters -------------------------------------------------------------------------------------


@pytest.fixture
def filtered(s):
    ids = {
        "note_old": add(s, "留存 笔记", day=dt.date(2026, 10, 1), tags=["周报"]),
        "note_new": add(s, "留存 笔记", day=dt.date(2026, 11, 18)),
        "problem": add(s, "留存 问题", day=dt.date(2026, 11, 10), kind="problem", tags=["周报"]),
        "lesson": add(s, "留存 经验", day=dt.date(2026, 11, 19), kind="lesson", tags=["复盘"]),
        "other": add(s, "拉新 笔记", day=dt.date(2026, 11, 19), tags=["周报"]),
    }
    return s, ids


@pytest.mark.parametrize("query", ["留存", "留", "留存 笔记"])
def test_search_with_a_filter(filtered, query):
    store, ids = filtered
    notes = found(store, query, where=EntryFilter(kinds=("note",)))
    assert notes == {ids["note_old"], ids["note_new"]}
    assert found(store, query, where=EntryFilter(tag="周报")) == (
        {ids["note_old"], ids["problem"]} if query != "留存 笔记" else {ids["note_old"]}
    )
    recent = found(store, query, where=EntryFilter(since=dt.date(2026, 11, 1), until=dt.date(2026, 11, 18)))
    assert recent == ({ids["note_new"], ids["problem"]} if query != "留存 笔记" else {ids["note_new"]})
    assert found(store, query, where=EntryFilter(kinds=("lesson", "problem"), tag="复盘")) == (
        {ids["lesson"]} if query != "留存 笔记" else set()
    )
    assert found(store, query, where=EntryFilter(kinds=("plan",))) == set()


def test_filter_and_ranking_and_limit_together(filtered):
    store, ids = filtered
    assert store.search_ids("留存", where=EntryFilter(kinds=("note", "problem")), limit=2) == [ids["note_new"], ids["problem"]]


# --- common and rare terms among many entries ----------------------------------------------------


def test_common_and_rare_terms_in_a_larger_log(store, monkeypatch):
    """With the thresholds lowered to fit 400 entries, common terms take the scan or the walk and
    rare ones the index, and all give the answers of a plain substring check, newest first."""
    monkeypatch.setattr(search, "COMMON_POSTINGS", 50)
    monkeypatch.setattr(search, "RANK_ALL_MAX", 50)
    entries = []
    for n in range(400):
        title = f"第{n}天 留存记录" if n % 2 else f"第{n}天 拉新记录"
        body = "雪豹计划" if n in (7, 123, 399) else "日常"
        entries.append(Entry(day=D - dt.timedelta(days=n % 60), title=title, body=body, tags=["日报"] if n % 3 else []))
    store.add_entries(entries)
    everything = store.list_entries(limit=1000)

    def expected(term: str) -> set[int]:
        return {e.id for e in everything if any(term.lower() in text.lower() for text in (e.title, e.body, " ".join(e.tags)))}

    newest_first = [e.id for e in everything]
    for term in ("留", "留存", "雪豹", "雪", "日报", "日", "9天", "鲲", "第1", "留存记录", "雪豹计划", "天 拉新", "留 雪豹"):
        wanted = set.intersection(*(expected(t) for t in term.split()))
        assert found(store, term, limit=1000) == wanted, term
        # every hit here is in the title or in none of title and tags: title hits first, newest first
        in_title = [i for i in newest_first if i in wanted and all(t in store.get_entry(i).title for t in term.split())]
        if len(in_title) == len(wanted):
            assert store.search_ids(term, limit=1000) == in_title, term
        if len(wanted) < 50:  # few: ranked whole, so a smaller limit gives the same start
            assert store.search_ids(term, limit=5) == store.search_ids(term, limit=1000)[:5], term
