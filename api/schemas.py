"""What the API's responses hold: the one description both the code and the OpenAPI
schema read."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

Kind = Literal["institution", "official"]
MentionState = Literal["auto", "confirmed"]


class Problem(Schema):
    detail: str | list | dict = Field(description="What was wrong with the request.")


# The errors any operation may answer with, each as a ``Problem``.
ERRORS_SCHEMA = {400: Problem, 404: Problem, 422: Problem, 429: Problem}


class EntityRef(Schema):
    slug: str
    name: str
    kind: Kind
    url: str


class MentionRef(Schema):
    slug: str
    name: str
    kind: Kind


class SectionRef(Schema):
    slug: str
    name: str
    url: str


class AuthorRef(Schema):
    slug: str
    name: str
    url: str


class ArticleSummary(Schema):
    """One article in a list. With ``fields``, only the fields asked for are present."""

    id: int = None
    slug: str = None
    url: str = None
    title: str = None
    dek: str = None
    byline: str = None
    language: str = None
    section: SectionRef | None = None
    published_at: datetime = None
    updated_at: datetime = None
    mentions: list[MentionRef] = None


# The fields a list may be cut down to; declared once, by the schema itself.
SUMMARY_FIELDS = tuple(ArticleSummary.model_fields)


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class Role(Schema):
    post: str
    institution: EntityRef
    start_date: date | None
    end_date: date | None


class ArticleMention(Schema):
    entity: EntityRef
    state: MentionState
    count: int
    is_about: bool
    snippet: str
    roles: list[Role] = Field(description="For officials: the posts held on the article's day.")


class Translation(Schema):
    language: str
    url: str


class ArticleDetail(Schema):
    id: int
    slug: str
    url: str
    title: str
    seo_title: str
    dek: str
    byline: str
    authors: list[AuthorRef]
    language: str
    section: SectionRef | None
    published_at: datetime
    updated_at: datetime
    body: str = Field(description="Markdown, as the editor wrote it.")
    body_html: str = Field(description="Rendered and sanitised, entity mentions linked.")
    lead_image: str | None = Field(description="The lead image's address, full size.")
    lead_image_alt: str
    lead_image_credit: str
    source_name: str
    source_url: str
    mentions: list[ArticleMention]
    translations: list[Translation]


class AliasOut(Schema):
    name: str
    kind: str
    language: str


class EntitySummary(EntityRef):
    article_count: int


class EntityPage(Schema):
    items: list[EntitySummary]
    next_cursor: str | None


class Holder(Schema):
    official: EntityRef
    start_date: date | None
    end_date: date | None


class PostOut(Schema):
    label: str
    appointments: list[Holder]


class EntityDetail(EntitySummary):
    summary: str
    names: dict[str, str] = Field(description="The name in other languages, where it differs.")
    wikidata_id: str
    aliases: list[AliasOut]


class InstitutionDetail(EntityDetail):
    classification: str
    parent: EntityRef | None
    superseded_by: EntityRef | None
    city: str
    country: str
    founded: date | None
    dissolved: date | None
    posts: list[PostOut]


class OfficialDetail(EntityDetail):
    given_name: str
    family_name: str
    appointments: list[Role]


class SearchResults(Schema):
    entities: list[EntitySummary]
    articles: list[ArticleSummary]


class PopoloDocument(Schema):
    persons: list[dict]
    organizations: list[dict]
    posts: list[dict]
    memberships: list[dict]
