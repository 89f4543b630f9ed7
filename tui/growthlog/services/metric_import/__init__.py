"""Importing metric values from CSV files as analytics tools and spreadsheets save them.

A file is read (:mod:`.reading`: encoding, delimiter, header line), its header recognised
(:mod:`.headers`: which column is what, long or wide layout), its metrics found or planned
(:mod:`.metric_names`) and its dates read (:mod:`.dates`); :func:`plan_csv_import`
(:mod:`.plan`) checks every line and counts, per metric, the days it adds and those it replaces,
and :func:`apply_csv_import` (:mod:`.apply`) writes the plan in one transaction. A line that
cannot be imported stops everything with a :class:`CsvImportError` naming the file's line number
and the column, and nothing is written. Each module's docstring states its rules.

Import from here, not from the modules: they are laid out by reason to change, and may move.
"""

from growthlog.services.metric_import.apply import apply_csv_import
from growthlog.services.metric_import.errors import CsvImportError
from growthlog.services.metric_import.metric_names import slugify_key
from growthlog.services.metric_import.plan import CsvImportPlan, plan_csv_import
from growthlog.services.metric_import.reading import count_rows

__all__ = ["CsvImportError", "CsvImportPlan", "apply_csv_import", "count_rows", "plan_csv_import", "slugify_key"]
