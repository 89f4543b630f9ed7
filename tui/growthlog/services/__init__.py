"""Pure functions over models and the store: parsing, import/export, goals, periods, reviews.

Nothing here imports textual, so the command line and the tests use them without it.
"""
