"""What a process keeps in its own memory, the least recently used going first."""

import threading
from collections import OrderedDict


class Kept:
    """Values by name, at most ``limit()`` in all by ``weight`` (each value counts one by
    default); thread-safe. ``limit`` is called on each addition, so a setting it reads may
    change."""

    def __init__(self, limit, weight=lambda value: 1):
        self._limit, self._weight = limit, weight
        self._values = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, name):
        with self._lock:
            value = self._values.get(name)
            if value is not None:
                self._values.move_to_end(name)
            return value

    def put(self, name, value):
        limit = self._limit()
        with self._lock:
            if name in self._values:
                self._total -= self._weight(self._values.pop(name))
            self._values[name] = value
            self._total += self._weight(value)
            while self._total > limit:
                self._total -= self._weight(self._values.popitem(last=False)[1])

    def clear(self):
        with self._lock:
            self._values.clear()
            self._total = 0
