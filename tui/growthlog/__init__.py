"""growthlog: an operations growth log (运营成长日志) for the terminal.

Importing this package must stay cheap and free of side effects: the command line imports it on every
``growthlog add``, which has to start in well under 150 ms.
"""

__version__ = "0.1.0"
