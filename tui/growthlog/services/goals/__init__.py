"""Goals: progress, the SMART check, the forecast, status changes and the goal tree.

The maths is pure: it takes a goal's values (:class:`~.data.GoalData`), never the store, so that
it is tested on values and the command line, the app and the review share it — :mod:`.progress`
(baseline, current value, progress), :mod:`.smart` (the SMART check, achievability),
:mod:`.forecast`, :mod:`.summary` (the tree, one line per goal). :mod:`.loader` reads the values
from the store once for many goals; :mod:`.status` changes a goal's status (the one write). No
textual. Messages are translation keys with their parameters kept apart (:class:`~.data.Message`),
so that a screen can show user text (a title, a metric name) without it ever being read as markup.

Definitions, in one place:

* **start** of a goal: its ``start``, else the day it was created.
* **baseline**: the goal's own, else the metric's value on ``start`` or the last one before it,
  else the first value after it (up to the day asked about). Goals tracked by check-ins count from
  0 when no baseline is given (they usually count things done: partners signed, lessons shipped).
* **current**: the metric's latest value on or before the day; for a goal without a metric, the
  latest check-in value up to that day.
* **progress** = (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target,
  negative when the metric moved the wrong way. A long-term goal without a metric of its own and
  without check-in values takes the mean progress of its short-term goals (dropped ones left out,
  achieved ones counted as done; each counted between 0 and 1, so that one overshoot does not hide
  a laggard and one slide backwards does not undo the others). Its forecast is the mean of theirs,
  counted the same way.
* **forecast**: a least-squares line through the last ``window_days`` of the metric's values (at
  least :data:`MIN_TREND_VALUES` values spanning :data:`MIN_TREND_SPAN` days), or through the last
  :data:`CHECKIN_TREND_VALUES` check-in values, carried to the due date. On track when the line
  reaches the target, at risk when it gets at least :data:`AT_RISK` (80 %) of the way from the
  baseline, off track otherwise. Once the due date has passed, the same thresholds apply to where
  the goal actually stood.
* **achievability**: the change needed per 30 days (from the current value, by the due date)
  against the best change the metric ever made in 30 days in its good direction. Achievable up to
  1×, a stretch up to 2×, unrealistic beyond (or when it never improved over 30 days); unknown
  while the history has no two values 21–30 days apart (changes over 21+ days are scaled to 30, so
  weekly values count).
"""
