"""Entries in and out of growthlog: export to Markdown, JSON and CSV (:mod:`.export`); import
JSON files, growthlog's own (a lossless round trip: every field, tag, link, timestamp and id
survives) and jrnl's (:mod:`.json_import`). What both directions share, the JSON format and the
error, is in :mod:`.common`.

No click and no textual here: the command line and, later, the app call these functions.
Import from here, not from the modules: they are laid out by reason to change, and may move.
"""

from growthlog.services.exchange.common import ExchangeError, entry_to_dict
from growthlog.services.exchange.export import (
    EXPORT_FORMATS,
    EXPORTERS,
    csv_columns,
    field_rows,
    iter_entries,
    nest_headings,
)
from growthlog.services.exchange.json_import import (
    STARRED_TAG,
    ImportPlan,
    allocate_ids,
    apply_import,
    detect_format,
    import_file,
    plan_import,
    read_json_file,
)

__all__ = [
    "EXPORTERS", "EXPORT_FORMATS", "STARRED_TAG", "ExchangeError", "ImportPlan", "allocate_ids", "apply_import",
    "csv_columns", "detect_format", "entry_to_dict", "field_rows", "import_file", "iter_entries", "nest_headings",
    "plan_import", "read_json_file",
]
