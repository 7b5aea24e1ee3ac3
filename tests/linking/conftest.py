import pytest

from tests.linking.registry import build_matcher


@pytest.fixture(scope="session")
def matcher():
    return build_matcher()
