"""Open data: the registry in Popolo, and the mentions graph as CSV and JSON."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from institutions.models import Entity

from .mentions_graph import COLUMNS, csv_lines, json_chunks, mention_rows
from .params import Day, Slug, checked_days
from .registry import popolo_export
from .schemas import ERRORS_SCHEMA, PopoloDocument

router = Router(tags=["open data"])


@router.get(
    "/popolo.json",
    response={200: PopoloDocument, **ERRORS_SCHEMA},
    summary="Institutions and officials in the Popolo format",
)
def popolo(request):
    """Persons, organizations, posts and memberships with start and end dates;
    identifiers (Wikidata) and other names with their language. The same document as
    `manage.py export_popolo`; `manage.py import_popolo` reads it."""
    return popolo_export()


def _graph_schema(media_type, schema):
    return {
        "responses": {
            200: {
                "description": f"Columns: {', '.join(COLUMNS)}.",
                "content": {media_type: {"schema": schema}},
            }
        }
    }


COLUMN_TYPES = {"article_id": "integer", "count": "integer", "is_about": "boolean"}
ROW_SCHEMA = {
    "type": "object",
    "properties": {column: {"type": COLUMN_TYPES.get(column, "string")} for column in COLUMNS},
}


def _rows(entity, date_from, date_to):
    checked_days(date_from=date_from, date_to=date_to)
    found = get_object_or_404(Entity, slug=entity) if entity else None
    return mention_rows(entity=found, date_from=date_from, date_to=date_to)


@router.get(
    "/mentions.csv",
    response=ERRORS_SCHEMA,
    openapi_extra=_graph_schema("text/csv", {"type": "string"}),
    summary="The mentions graph (article x entity) as CSV, streamed",
)
def mentions_csv(
    request, entity: Slug | None = None, date_from: Day | None = None, date_to: Day | None = None
):
    """One row per published article and institution or official it names: the day,
    the times named, the mention's state and, for officials, their role on the day."""
    rows = _rows(entity, date_from, date_to)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentions.csv"'
    return response


@router.get(
    "/mentions.json",
    response=ERRORS_SCHEMA,
    openapi_extra=_graph_schema("application/json", {"type": "array", "items": ROW_SCHEMA}),
    summary="The mentions graph (article x entity) as JSON, streamed",
)
def mentions_json(
    request, entity: Slug | None = None, date_from: Day | None = None, date_to: Day | None = None
):
    """The rows of `mentions.csv` as a JSON array of objects."""
    rows = _rows(entity, date_from, date_to)
    return StreamingHttpResponse(json_chunks(rows), content_type="application/json")
