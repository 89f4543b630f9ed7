"""What each screen shows, loaded in one call: one module per view, each returning a dataclass.

A screen calls its loader in a thread worker (``asyncio.to_thread``) and renders what comes back;
it never queries the store itself. Each loader reads inside one read snapshot
(:meth:`growthlog.store.api.Store.snapshot`), so what it returns is consistent even while other
members write. Loaders compute nothing of their own: they gather values through the domain's
small readers (:mod:`growthlog.services.goals.loader`,
:func:`~growthlog.services.metrics.load_metric_summary`, :mod:`~growthlog.services.review.builder`)
and hand them to the domain maths, which takes values and never the store.
"""
