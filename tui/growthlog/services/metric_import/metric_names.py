"""Which metric a column header or a cell names, and the metrics an import defines on the spot.
Matching rules change with how people name their KPIs; the file format does not come into it.

**Metrics** are matched by key, then by name (case, width, spaces, ``_`` and ``-`` ignored, so
``DAU``, ``Daily active users`` and ``ＤＡＵ`` all find a metric keyed ``dau`` and named so), then
by a preset's name or alias when a metric with that preset's key exists (a column ``日活`` finds the
metric ``dau``). An unknown metric is an error unless ``define=True``: then it is defined on the
spot, from the matching preset when there is one (unit, direction, aggregation), else with the name
as written, the key slugified from it (``Paid users`` → ``paid_users``; a name with no ASCII letters
gets ``metric``, ``metric_2``…), unit ``%`` and aggregation ``mean`` when its values are written
with a percent sign, otherwise no unit and ``last``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.metric_import.errors import short
from growthlog.services.metric_import.headers import fold

if TYPE_CHECKING:
    from growthlog.models import Metric
    from growthlog.store.api import Store

NAME_MAX = 100
KEY_MAX = 40


def slugify_key(name: str) -> str:
    """A metric key made from a name: ASCII letters and digits kept (lower-cased), everything else
    a single ``_``; ``m_`` in front of a leading digit; at most 40 characters; ``metric`` when
    nothing is left (a name written only in Chinese)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if slug and not slug[0].isalpha():
        slug = "m_" + slug
    slug = slug[:KEY_MAX].rstrip("_")
    return slug or "metric"


class MetricNames:
    """Finds the metric a header or cell names, and plans the ones an import defines."""

    def __init__(self, store: "Store", define: bool) -> None:
        self.define = define
        self.known = {metric.key: metric for metric in store.list_metrics()}
        # Keys first: a key match wins over a name match. A name two metrics share is ambiguous (None).
        self.by_key = {fold(key): key for key in self.known}
        self.by_name: dict[str, str | None] = {}
        for metric in self.known.values():
            folded = fold(metric.name)
            if folded in self.by_key:
                continue
            self.by_name[folded] = metric.key if self.by_name.get(folded, metric.key) == metric.key else None
        # Planned definitions: key -> dict of Metric fields; text (folded) -> key.
        self.new: dict[str, dict] = {}
        self.new_by_fold: dict[str, str] = {}
        self.percent: set[str] = set()

    def name_of(self, key: str) -> str:
        if key in self.known:
            return self.known[key].name
        return str(self.new[key]["name"])

    def resolve(self, text: str) -> str | None:
        """The key of the metric ``text`` names; None when none (and ``define`` is off).
        Raises ValueError with a reason when the name is ambiguous or cannot name a metric."""
        from growthlog.services.metrics import find_preset

        folded = fold(text)
        if not folded:
            raise ValueError(t("metrics.import.no_metric_name"))
        if folded in self.by_key:
            return self.by_key[folded]
        if folded in self.by_name:
            key = self.by_name[folded]
            if key is None:
                raise ValueError(t("metrics.import.ambiguous_metric", name=short(text)))
            return key
        preset = find_preset(text)
        if preset is not None and preset.key in self.known:
            return preset.key
        if folded in self.new_by_fold:
            return self.new_by_fold[folded]
        if not self.define:
            return None
        return self._plan_definition(text, preset)

    def _plan_definition(self, text: str, preset) -> str:
        from growthlog.textutil import clean_line

        name = clean_line(text)
        if len(name) > NAME_MAX:
            raise ValueError(t("metrics.import.name_too_long", limit=NAME_MAX))
        if preset is not None and preset.key in self.new:
            return preset.key  # another name of a metric this import already defines
        if preset is not None:
            key = preset.key
            fields = {
                "key": key, "name": name, "unit": preset.unit, "direction": preset.direction,
                "aggregation": preset.aggregation, "description": preset.description,
            }
        else:
            key = base = slugify_key(name)
            number = 2
            while key in self.known or key in self.new:
                suffix = f"_{number}"
                key = base[: KEY_MAX - len(suffix)] + suffix
                number += 1
            fields = {"key": key, "name": name, "unit": "", "direction": "up", "aggregation": "last", "description": ""}
        self.new[key] = fields
        self.new_by_fold[fold(text)] = key
        return key

    def saw_percent(self, key: str) -> None:
        """A value of ``key`` was written with a percent sign: a metric defined here gets unit %."""
        if key in self.new and key not in self.percent:
            self.percent.add(key)
            fields = self.new[key]
            if not fields["unit"] and fields["aggregation"] == "last":
                fields["unit"], fields["aggregation"] = "%", "mean"

    def definitions(self) -> list["Metric"]:
        from growthlog.models import Metric

        return [Metric(**fields) for fields in self.new.values()]
