"""Work done once per transaction, after it commits, however many changes ask for it."""

import threading

from django.db import transaction

_pending = threading.local()


class _Pending:
    """The work changes asked for under one name, until a commit runs it.

    Every change queues this same object after the commit; the first call runs the work
    and the others find nothing left to do.
    """

    def __init__(self, work):
        self.work = work
        # Django names a failing robust callback by its qualified name in the log.
        self.__qualname__ = getattr(work, "__qualname__", type(work).__qualname__)

    def __call__(self):
        work, self.work = self.work, None
        if work is not None:
            work()


def on_commit_once(name, make, add=None):
    """Queue ``make()`` to run once the current transaction commits, unless work named
    ``name`` is already pending; return that work.

    ``add(work)``, when given, tells the work about this change before it can run (outside
    a transaction it runs at once). Work asked for by a transaction that rolled back stays
    pending and runs, once, with the next transaction that asks for it: work must read
    what it acts on from the database, so what it was told of a rolled-back change costs
    it only time. Queued robust: one failing piece of work does not stop the others.
    """
    pending = getattr(_pending, name, None)
    if pending is None or pending.work is None:
        pending = _Pending(make())
        setattr(_pending, name, pending)
    work = pending.work
    if add is not None:
        add(work)
    transaction.on_commit(pending, robust=True)
    return work
