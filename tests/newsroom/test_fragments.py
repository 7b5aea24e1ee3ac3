"""Parts of pages kept in the shared cache: served while the keys they name keep their
tokens, made again once one is retired, never kept when made while one was retired."""

import pytest
from django.core.cache import cache

from newsroom import fragments
from newsroom.cache_keys import (
    RETIREMENTS_KEY,
    TOKEN_PREFIX,
    collecting_page_keys,
    retire_in_page_cache,
)

# A new content version asks the schedule (the database) when the next one starts.
pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    """Counts the parts made (each shows ``story``); while the first
    ``retire_while_making`` of them are made, another process does ``retiring()``:
    retires ``story`` unless told otherwise."""
    calls = []

    def make(retire_while_making=0, retiring=lambda: retire_in_page_cache(["story"])):
        def part():
            calls.append(len(calls) + 1)
            if len(calls) <= retire_while_making:
                retiring()
            return f"part {len(calls)}", {"story"}

        return part

    make.calls = calls
    return make


def get(make):
    return fragments.read({"box": "box of story"}).get("box", make)


class FragmentTests:
    def test_a_part_is_served_until_a_key_it_names_is_retired(self, made):
        make = made()
        assert [get(make), get(make)] == ["part 1", "part 1"]
        retire_in_page_cache(["story"])
        assert get(make) == "part 2"

    def test_a_part_made_while_a_retirement_ran_is_not_kept(self, made):
        make = made(retire_while_making=1)
        assert [get(make), get(make), get(make)] == ["part 1", "part 2", "part 2"]

    def test_a_part_made_while_other_keys_were_retired_is_kept(self, made):
        make = made(1, retiring=lambda: retire_in_page_cache(["another-story"]))
        assert [get(make), get(make)] == ["part 1", "part 1"]

    def test_a_part_is_not_served_once_a_retirement_it_raced_writes_its_token(self, made):
        counted = []
        # The retirement is counted while the part is made; its tokens are written after.
        make = made(1, retiring=lambda: counted.append(cache.incr(RETIREMENTS_KEY)))
        assert get(make) == "part 1"
        cache.set(TOKEN_PREFIX + "story", ("new", 0, counted[0]), timeout=None)
        assert get(make) == "part 2"

    def test_the_page_carries_the_keys_of_a_part_served_or_made(self, made):
        make = made()
        for _ in range(2):
            with collecting_page_keys() as keys:
                get(make)
            assert "story" in keys

    def test_without_the_fragment_cache_a_part_is_made_each_time(self, made, settings):
        settings.NEWSROOM_FRAGMENT_CACHE = False
        make = made()
        assert [get(make), get(make)] == ["part 1", "part 2"]

    def test_a_cache_that_cannot_be_reached_makes_parts_each_time(self, made, monkeypatch):
        def unreachable(*args, **kwargs):
            raise ConnectionError("cache server down")

        monkeypatch.setattr(cache, "get_many", unreachable)
        make = made()
        assert [get(make), get(make)] == ["part 1", "part 2"]

    def test_parts_are_read_in_one_round_trip_while_nothing_is_retired(self, made, monkeypatch):
        cache.clear()  # as after a flush: nothing retired yet
        make = made()
        get(make)
        reads = []
        get_many = cache.get_many
        monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))
        assert get(make) == "part 1"
        assert len(reads) == 1
        retire_in_page_cache(["something-else"])
        assert get(make) == "part 1"
        assert len(reads) == 3  # the tokens of the part's keys are read too
