"""Review in the text: each place the linker found a name, and an editor's choices for it.

The article's change page shows its title, dek and body prose with every occurrence
marked; the suggestions inbox lists the places waiting for an editor across articles.
Both post their choices to one view (``decide_view``), which works without JavaScript:
``review.js`` only turns each place's list of choices into a popover.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms.utils import flatatt
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from institutions.models import Entity

from .. import services
from ..linking import decisions
from ..linking.render import plain_text
from ..models import Article, Occurrence, is_editor
from .mentions import entity_autocomplete

# What a place's state looks like in the text, in words and signs, not only in colour.
CUES = {
    Occurrence.State.AUTO: "✓ linked",
    Occurrence.State.CONFIRMED: "✓ confirmed",
    Occurrence.State.SUGGESTED: "? suggested",
    Occurrence.State.REJECTED: "✗ rejected",
    Occurrence.State.REASSIGNED: "→ linked to another",
}

# The choices an editor has on one place; "alias" teaches the registry its spelling.
DECISIONS = {
    "confirmed": Occurrence.State.CONFIRMED,
    "rejected": Occurrence.State.REJECTED,
    "reassigned": Occurrence.State.REASSIGNED,
    "alias": None,
}

INBOX_PAGE_SIZE = 50


@dataclass
class Place:
    """A stretch of a field's text: plain, or the name at an occurrence."""

    text: str
    occurrence: Occurrence | None = None


def _places(text, occurrences):
    """``text`` cut into plain stretches and the names at ``occurrences``, in order.

    An occurrence whose offsets no longer hold its name (the text changed since the last
    link) or that overlaps one already placed is left out rather than marked wrongly.
    """
    places, at = [], 0
    for occurrence in sorted(occurrences, key=lambda o: (o.start, o.pk)):
        start, end = occurrence.start, occurrence.end
        if start < at or text[start:end] != occurrence.matched_text:
            continue
        if start > at:
            places.append(Place(text[at:start]))
        places.append(Place(text[start:end], occurrence))
        at = end
    if at < len(text):
        places.append(Place(text[at:]))
    return places


def review_sections(article):
    """The title, dek and body paragraphs of ``article``, each cut into places."""
    by_field = {field: [] for field in Occurrence.Field.values}
    for occurrence in article.occurrences.select_related("entity", "reassigned_to"):
        occurrence.cue = CUES[occurrence.state]
        by_field[occurrence.field].append(occurrence)
    sections = [
        ("Title", [_places(article.title or "", by_field[Occurrence.Field.TITLE])]),
        ("Dek", [_places(article.dek or "", by_field[Occurrence.Field.DEK])]),
    ]
    body, paragraphs, at = plain_text(article.body or ""), [], 0
    for block in body.split("\n\n"):
        inside = [o for o in by_field[Occurrence.Field.BODY] if at <= o.start < at + len(block)]
        for occurrence in inside:
            occurrence.start -= at
            occurrence.end -= at
        paragraphs.append(_places(block, inside))
        at += len(block) + 2
    sections.append(("Body", paragraphs))
    occurrences = [o for field in by_field.values() for o in field]
    return [(label, blocks) for label, blocks in sections if any(blocks)], occurrences


def with_choices(boxes, occurrence):
    """``occurrence`` with the id of the form its choices post, and the type-ahead box
    that names another entity for it (``boxes``: an ``EntityBoxes``)."""
    occurrence.form_id = f"decide-{occurrence.pk}"
    occurrence.entity_box = boxes.render(
        id=f"occurrence-{occurrence.pk}-entity", form=occurrence.form_id
    )
    return occurrence


class EntityBoxes:
    """Empty type-ahead boxes naming an entity, one per place, that differ only in their id
    and form: the admin's widget works out their attributes once, not once per place (60
    places took a quarter of a second to draw through the widget each time)."""

    def __init__(self, admin_site):
        widget = _entity_box(admin_site)
        self.attrs = widget.build_attrs(widget.attrs, {"data-entity-filter": False})

    def render(self, **attrs):
        # A required box with nothing chosen has no options: the type-ahead fills it.
        return format_html('<select name="entity"{}></select>', flatatt({**self.attrs, **attrs}))


class ReviewViewsMixin:
    """The decide view and the suggestions inbox, on the article admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("suggestions/", view(self.suggestions_view), name="articles_article_suggestions"),
            path(
                "<path:object_id>/occurrences/<int:occurrence_id>/decide/",
                view(require_POST(self.decide_view)),
                name="articles_article_decide",
            ),
            *super().get_urls(),
        ]

    def review_context(self, request, article):
        """What the change page's "Names in the text" panel shows."""
        sections, occurrences = review_sections(article)
        boxes = EntityBoxes(self.admin_site)
        for occurrence in occurrences:
            with_choices(boxes, occurrence)
        return {
            "review_sections": sections,
            "review_occurrences": occurrences,
            "review_can_decide": self.has_change_permission(request, article),
        }

    def decide_view(self, request, object_id, occurrence_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        occurrence = get_object_or_404(Occurrence, pk=occurrence_id, article=article)
        decision = request.POST.get("decision", "")
        if decision not in DECISIONS:
            return HttpResponseBadRequest(f"Not a choice for a name in the text: {decision!r}.")
        try:
            message = self._decide(request, occurrence, decision)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            # The history shows which links each version had, decisions included.
            services.record_links(article)
            self.log_change(request, article, message)
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._back(request, article))

    def _decide(self, request, occurrence, decision):
        name = f"“{occurrence.matched_text}”"
        if decision == "alias":
            alias = decisions.occurrence_teach_alias(occurrence=occurrence, by=request.user)
            return f"{name} is now an alias of {alias.entity}."
        entity = None
        if decision == "reassigned":
            entity = Entity.objects.filter(pk=_entity_id(request.POST.get("entity"))).first()
            if entity is None:
                raise ValidationError("Choose the entity this name refers to.")
        decisions.occurrence_decide(
            occurrence=occurrence, state=DECISIONS[decision], by=request.user, entity=entity
        )
        if entity is not None:
            return f"{name} now links to {entity}."
        return f"{name} {decision} as {occurrence.entity}."

    def _back(self, request, article):
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return back
        return reverse("admin:articles_article_change", args=[article.pk]) + "#names-in-text"

    def suggestions_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        field = forms.ModelChoiceField(Entity.objects.all(), required=False)
        entity = None
        if raw := request.GET.get("entity"):
            try:
                entity = field.clean(raw)
            except ValidationError:
                messages.error(request, f"Not an entity: {raw!r}.")
        waiting = suggestions_for(request.user).select_related("reassigned_to")
        if entity is not None:
            waiting = waiting.filter(entity=entity)
        page = Paginator(waiting, INBOX_PAGE_SIZE).get_page(request.GET.get("p"))
        changeable = self._changeable_ids(request, [o.article_id for o in page])
        boxes = EntityBoxes(self.admin_site)
        for occurrence in page:
            with_choices(boxes, occurrence)
            occurrence.can_decide = occurrence.article_id in changeable
            before, _, after = occurrence.sentence.partition(occurrence.matched_text)
            occurrence.marked = (before, occurrence.matched_text, after)
        box = _entity_box(self.admin_site).render(
            "entity", entity and entity.pk, attrs={"id": "id_entity", "data-entity-filter": False}
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Suggestions waiting for an editor",
            "page": page,
            "entity": entity,
            "entity_box": box,
            "here": request.get_full_path(),
            "query": urlencode({"entity": entity.pk}) + "&" if entity else "",
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/article/suggestions.html", context)

    def _changeable_ids(self, request, article_ids):
        if not self.has_change_permission(request):
            return set()
        articles = Article.objects.editable_by(request.user).filter(pk__in=article_ids)
        return set(articles.values_list("pk", flat=True))


def suggestions_for(user):
    """The places waiting for a decision in the articles ``user`` may open."""
    waiting = Occurrence.objects.suggested()
    if not is_editor(user):
        waiting = waiting.filter(article__in=Article.objects.visible_to(user))
    return waiting


def _entity_box(admin_site):
    field = forms.ModelChoiceField(Entity.objects.all(), widget=entity_autocomplete(admin_site))
    return field.widget


def _entity_id(value):
    return int(value) if value and value.isascii() and value.isdigit() else None
