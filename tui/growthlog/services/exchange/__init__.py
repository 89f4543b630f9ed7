"""The log in and out of growthlog: export to Markdown and CSV (entries) and to growthlog's JSON
(the whole log, :mod:`.log_export`); import of JSON files, growthlog's own (merged record by record:
:mod:`.merge`) and jrnl's (read by :mod:`.json_import`, like growthlog's entries; the other records
of a whole-log file by :mod:`.records`). What both directions share, the JSON format and the error,
is in :mod:`.common`.

No click and no textual here: the command line and, later, the app call these functions.
Import from here, not from the modules: they are laid out by reason to change, and may move.
"""

from growthlog.services.exchange.common import FORMAT_VERSION, RECORD_TYPES, ExchangeError, entry_to_dict
from growthlog.services.exchange.export import (
    EXPORT_FORMATS,
    EXPORTERS,
    csv_columns,
    field_rows,
    iter_entries,
    nest_headings,
)
from growthlog.services.exchange.json_import import STARRED_TAG, allocate_ids, detect_format, read_json_file
from growthlog.services.exchange.log_export import export_log
from growthlog.services.exchange.merge import Counts, ImportPlan, apply_import, import_file, is_newer, plan_import
from growthlog.services.exchange.records import count_records

__all__ = [
    "EXPORTERS", "EXPORT_FORMATS", "FORMAT_VERSION", "RECORD_TYPES", "STARRED_TAG", "Counts", "ExchangeError",
    "ImportPlan", "allocate_ids", "apply_import", "count_records", "csv_columns", "detect_format", "entry_to_dict",
    "export_log", "field_rows", "import_file", "is_newer", "iter_entries", "nest_headings", "plan_import",
    "read_json_file",
]
