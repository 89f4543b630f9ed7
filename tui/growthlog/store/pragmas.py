"""How every connection to a growthlog database is set up, in numbers kept apart from the code that
uses them, so that the store's modules can share them without importing one another."""

SCHEMA_VERSION = 6
"""The number of migrations in :mod:`growthlog.store.migrations` (a test keeps the two equal),
mirrored in ``PRAGMA user_version`` so that opening checks the schema with one pragma."""
BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for another process's write lock before it says the file is busy."""
