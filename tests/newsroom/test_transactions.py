import pytest
from django.db import transaction

from newsroom.transactions import on_commit_once

pytestmark = pytest.mark.django_db


class Work:
    def __init__(self):
        self.items, self.runs = [], 0

    def __call__(self):
        self.runs += 1


def ask(item):
    return on_commit_once("test-work", Work, lambda work: work.items.append(item))


def test_changes_in_one_transaction_share_one_run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first, second = ask("a"), ask("b")
    assert first is second
    assert first.items == ["a", "b"]
    assert first.runs == 1
    assert len(callbacks) == 1


def test_the_next_transaction_gets_work_of_its_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask("a")
    with django_capture_on_commit_callbacks(execute=True):
        second = ask("b")
    assert second is not first
    assert (first.items, second.items) == (["a"], ["b"])


def test_work_of_a_rolled_back_savepoint_is_dropped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            dropped = ask("a")
            raise RuntimeError
        kept = ask("b")
    assert kept is not dropped
    assert (dropped.runs, kept.runs) == (0, 1)
    assert kept.items == ["b"]
