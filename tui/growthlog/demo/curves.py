"""The story's numbers: each metric's value on each day of the demo, before noise.

The notes quote these numbers and the metrics record them as daily values, so that what the log
says and what the charts show agree. The curves stay code rather than data: piecewise shapes read
best as the few lines of arithmetic they are.
"""

from __future__ import annotations

DAYS = 84
"""How far back the demo goes: twelve weeks, ending on ``today``."""


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
        if offset > 46:
            return _around_the_onboarding_change(offset, before=42.0, dip=37.6, fixed=41.6)
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
        if offset > 46:
            return _around_the_onboarding_change(offset, before=21.4, dip=17.9, fixed=20.9)
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


def _around_the_onboarding_change(offset: int, *, before: float, dip: float, fixed: float) -> float:
    """A retention rate up to the fix's rollout (offsets 83–47), where D1 and D7 tell one story:
    ``before`` until the onboarding change ships (72), ``dip`` after it, then rising through the
    fix's A/B test (from 60) towards ``fixed``, the rate of the day it goes to everyone (46)."""
    if offset > 72:
        return before
    if offset > 60:
        return dip
    return dip + (60 - offset) * (fixed - dip) / 14
