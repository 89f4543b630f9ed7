"""Pydantic models of what growthlog records, one module per aggregate: entries (with their kind
fields and drafts), metrics and goals, reviews. Import them from here."""

from growthlog.models.entries import (
    KIND_FIELDS, Draft, Entry, KindFields, Link, field_choices, field_is_block, field_is_date, field_names,
)
from growthlog.models.goals import METRIC_KEY_PATTERN, CheckIn, Goal, Measurement, Metric
from growthlog.models.reviews import Review

__all__ = [
    "KIND_FIELDS", "METRIC_KEY_PATTERN", "CheckIn", "Draft", "Entry", "Goal", "KindFields", "Link", "Measurement",
    "Metric", "Review", "field_choices", "field_is_block", "field_is_date", "field_names",
]
