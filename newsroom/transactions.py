"""Work done once per transaction, after it commits, however many changes ask for it."""

import threading

from django.db import transaction

_queued = threading.local()


class _Once:
    def __init__(self, work):
        self.work = work
        self.done = False
        # Django names a failing robust callback by its qualified name in the log.
        self.__qualname__ = getattr(work, "__qualname__", type(work).__qualname__)

    def __call__(self):
        self.done = True
        self.work()


def on_commit_once(name, make, add=None):
    """Queue ``make()`` to run when the current transaction commits, unless work named
    ``name`` is already queued for it; return that work.

    ``add(work)``, when given, tells the work about this change before it can run (outside
    a transaction it runs at once). Work of a transaction that rolled back is dropped with
    it. Queued robust: one failing piece of work does not stop the others.
    """
    queued = getattr(_queued, name, None)
    if queued is not None and (
        queued.done
        or not any(
            callback is queued for _, callback, _ in transaction.get_connection().run_on_commit
        )
    ):
        queued = None
    work = make() if queued is None else queued.work
    if add is not None:
        add(work)
    if queued is None:
        queued = _Once(work)
        setattr(_queued, name, queued)
        transaction.on_commit(queued, robust=True)
    return work
