"""The generated part of a review: what happened in a period, computed from the log.

:func:`~.builder.build_report` reads the store and returns a :class:`~.report.ReviewReport`, the
same for the app, the command line and the exported files. It follows the growth loop, in the
order DESIGN.md gives: goals, data, problems, strategy adjustments, lessons,
market/collaboration/learning notes, activity. A report is plain data (pydantic, JSON round trip):
a saved review keeps the report it was written with, so later edits to the log do not rewrite an
old review. The models are in :mod:`.report`, the numbers computed from values in :mod:`.maths`
(and the goal maths), the reading in :mod:`.builder`.

Definitions, in one place:

* **Goals in the period**: not dropped, started (or created) by the period's end, and due (if at
  all) on or after its start. **Achieved**: progress at the period's end reached 100 %, or the goal
  was marked achieved by then. **At risk**: still active with a forecast, made on the period's end
  (or today, for the current period), of at risk or off track.
* **Data**: every metric with a value in the period: first and last value, their difference
  judged by the metric's direction, the best and worst day (by direction), a sparkline.
* **Problems**: opened (raised in the period), resolved (``resolved_on`` in the period, wherever
  they were raised), still open at the period's end by severity, mean days from raised to resolved.
* **Strategy adjustments**: strategies whose ``effective_on`` is in the period. Their metric's mean
  over N days from ``effective_on`` is compared with its mean over the N days before, N being
  :data:`STRATEGY_WINDOW` days or as many as have passed since (at least :data:`MIN_AFTER_DAYS`).
  A change under :data:`FLAT_SHARE` of the before-mean is "flat"; otherwise it worked when it went
  the metric's good way.
* **Lessons**: those of the period by outcome, and earlier lessons sharing a tag with the period's
  lessons, problems or strategies (so that a mistake is not repeated).
* **Activity**: entries per day, days with entries, the logging streak on the period's last day
  (or today) and the longest run of days in the period.
* **People**: who wrote what, and one member's review (the team's, or one member's with its
  problems, strategies, lessons, notes and goals): :mod:`.team`.

No textual here: the architecture test checks it.
"""
