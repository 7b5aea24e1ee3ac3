"""schemathesis against the API's own OpenAPI schema, on a live server.

For every operation, examples generated from the schema (valid and invalid
parameters) must never get a 500, must get answers the schema describes (status,
media type, body), and must never show anything of an unpublished article.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.api import api
from articles.models import Article
from tests.factories import (
    make_alias,
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)

# The live server reads what the test commits; the groups and content types the
# migrations made are restored afterwards, as the other tests expect them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# In every unpublished article, and in nothing readers may see.
UNPUBLISHED = "Zqxunpublished"
EXAMPLES = 25


@pytest.fixture
def newsroom():
    mazhilis = make_institution("Mazhilis", classification="chamber", wikidata_id="Q1")
    make_alias(mazhilis, "Мажилис", language="ru")
    speaker = make_official("Yerlan Koshanov")
    make_appointment(speaker, make_post(mazhilis), start_date=None, end_date=None)
    for number in range(3):
        article = make_article(f"Session {number}", body="The Mazhilis met.", language="ru")
        make_mention(article, speaker, count=2)
    for status in (Article.Status.DRAFT, Article.Status.REVIEW):
        draft = make_article(f"{UNPUBLISHED} {status}", status=status, body=UNPUBLISHED)
        make_mention(draft, mazhilis, snippet=UNPUBLISHED)


@pytest.fixture
def api_schema(live_server, newsroom, monkeypatch):
    # One client sends every example: the rate limit would turn most of them into 429s.
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 10**6)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    schema.config.update(base_url=live_server.url)
    return schema


def no_unpublished_article(ctx, response, case):
    if UNPUBLISHED.lower() in response.text.lower():
        raise AssertionError(f"{case.path} showed an unpublished article")
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    no_unpublished_article,
]


def fuzz(operation, mode):
    """Send ``EXAMPLES`` generated requests to ``operation``; hypothesis shrinks a failure
    to its smallest example and raises it."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def send(case):
        case.validate_response(case.call(), checks=CHECKS)

    send()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_schema(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:
        # An operation without parameters has no invalid request to make.
        if mode == GenerationMode.POSITIVE or operation.definition.raw.get("parameters"):
            fuzz(operation, mode)
