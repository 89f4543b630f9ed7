"""Command groups of the command line, one module each, registered by :mod:`growthlog.cli`.

Like cli.py, these modules import only click and light helpers at import time; everything heavy is
imported inside the commands.
"""
