"""Pure functions over models and the store: parsing, import/export, demo data.

Nothing here imports textual, so the command line and the tests use them without it.
"""
