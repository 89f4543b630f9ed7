"""What each screen shows, loaded in one call: one module per view, each returning a dataclass.

A screen calls its loader in a thread worker (``asyncio.to_thread``) and renders what comes back;
it never queries the store itself. Each loader reads inside one read snapshot
(:meth:`growthlog.store.api.Store.snapshot`), so what it returns is consistent even while other
members write. Loaders compute nothing of their own: the maths is in the domain services, which
take values (:mod:`growthlog.services.goals`, :mod:`~growthlog.services.metrics`,
:mod:`~growthlog.services.review`).
"""
