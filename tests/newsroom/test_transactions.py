import pytest
from django.db import transaction

from newsroom.transactions import on_commit_once

pytestmark = pytest.mark.django_db


class Work:
    def __init__(self):
        self.items, self.runs = [], 0

    def __call__(self):
        self.runs += 1


class FailingWork(Work):
    def __call__(self):
        super().__call__()
        raise RuntimeError("work failed")


@pytest.fixture
def ask(request):
    """Ask for work under a name of the test's own: pending work never crosses tests."""

    def ask(item, make=Work):
        return on_commit_once(request.node.nodeid, make, lambda work: work.items.append(item))

    return ask


class OnCommitOnceTests:
    def test_changes_in_one_transaction_share_one_run(
        self, ask, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first, second, third = ask("a"), ask("b"), ask("c")
        assert first is second is third
        assert first.items == ["a", "b", "c"]
        assert first.runs == 1

    def test_nothing_runs_before_the_commit(self, ask, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False):
            work = ask("a")
        assert work.runs == 0

    def test_the_next_transaction_gets_work_of_its_own(
        self, ask, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = ask("a")
        with django_capture_on_commit_callbacks(execute=True):
            second = ask("b")
        assert second is not first
        assert (first.items, second.items) == (["a"], ["b"])
        assert (first.runs, second.runs) == (1, 1)

    def test_work_asked_for_in_a_rolled_back_savepoint_runs_once_with_the_commit(
        self, ask, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                rolled_back = ask("a")
                raise RuntimeError
            kept = ask("b")
        assert kept is rolled_back
        assert kept.items == ["a", "b"]
        assert kept.runs == 1

    def test_failing_work_is_logged_and_not_run_again(
        self, ask, django_capture_on_commit_callbacks, caplog
    ):
        with django_capture_on_commit_callbacks(execute=True):
            failed = ask("a", make=FailingWork)
            ask("b", make=FailingWork)
        with django_capture_on_commit_callbacks(execute=True):
            second = ask("c")
        assert "work failed" in caplog.text
        assert failed.runs == 1
        assert second is not failed
        assert second.runs == 1


# Real transactions: rolling one back must drop its callbacks, as only the database can.
@pytest.mark.django_db(transaction=True)
class CommittedTransactionTests:
    def test_outside_a_transaction_work_runs_at_once(self, ask):
        work = ask("a")
        assert (work.items, work.runs) == (["a"], 1)

    def test_work_of_a_rolled_back_transaction_runs_once_with_the_next_commit(self, ask):
        with pytest.raises(RuntimeError), transaction.atomic():
            rolled_back = ask("a")
            raise RuntimeError
        assert rolled_back.runs == 0
        with transaction.atomic():
            committed = ask("b")
        assert committed is rolled_back
        assert (committed.items, committed.runs) == (["a", "b"], 1)
        assert ask("c") is not committed
        assert committed.runs == 1
