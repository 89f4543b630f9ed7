"""Writing a planned CSV import: the metrics it defines and all its rows in one transaction, so
that a failure (the metrics changed since the plan was made) writes nothing. The store does the
writing with ``executemany``; this module only reports progress and words the failure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.metric_import.errors import import_error
from growthlog.services.metric_import.plan import PROGRESS_EVERY, CsvImportPlan, Progress, Row

if TYPE_CHECKING:
    from growthlog.store.api import Store


def _counting(rows: list[Row], progress: Progress) -> Iterator[Row]:
    for number, row in enumerate(rows, 1):
        yield row
        if number % PROGRESS_EVERY == 0:
            progress(number)
    progress(len(rows))


def apply_csv_import(plan: CsvImportPlan, store: "Store", progress: Progress | None = None) -> int:
    """Define the plan's metrics and write its rows in one transaction; returns the rows written.
    :class:`CsvImportError` (nothing written) when the database changed in a way that conflicts
    since the plan was made (a metric defined or removed meanwhile)."""
    from growthlog.store.db import StoreError

    rows: Iterable[Row] = plan.rows if progress is None else _counting(plan.rows, progress)
    try:
        store.import_measurements(plan.define, rows)
    except StoreError as error:
        raise import_error(plan.path, None, None, t("metrics.import.changed_meanwhile", reason=error)) from None
    return len(plan.rows)
