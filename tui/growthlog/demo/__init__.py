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

The story is data, in ``data/`` (TOML, read when a demo is built, never at import): ``story.toml``
names the sections in order, each a file in ``data/sections/`` of ``[[entry]]`` tables;
``daily_notes.toml`` holds the daily notes' templates, ``metrics.toml``, ``goals.toml`` and
``review.toml`` the rest. The engine around them is small: :mod:`.story` places entries on their
days and numbers them, :mod:`.entries` reads the sections, :mod:`.notes` writes the daily notes,
:mod:`.curves` holds the numbers, :mod:`.metrics_and_goals` the metrics and goals, :mod:`.fill` stores it all.

To extend: write a section file and add its name to ``sections`` in ``story.toml``. Entries are
referred to by key (``key = "p_cac"`` and ``links = ["p_cac"]``); ids 1..N are given in
chronological order once everything is placed, and links are resolved then.
"""

from growthlog.demo.curves import DAYS, trend
from growthlog.demo.entries import build_demo_entries
from growthlog.demo.fill import fill_demo
from growthlog.demo.metrics_and_goals import DemoGoal, build_demo_goals, build_demo_metrics

__all__ = ["DAYS", "DemoGoal", "build_demo_entries", "build_demo_goals", "build_demo_metrics", "fill_demo", "trend"]
