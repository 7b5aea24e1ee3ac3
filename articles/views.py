"""The public reader site: front page, articles and search."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from institutions.models import Entity
from newsroom.addresses import FormerSlugRedirectMixin
from newsroom.pagination import DeepPaginator
from newsroom.structured_data import LOGO, website_jsonld

from . import boxes
from .cards import card_name
from .filters import ArticleFilter
from .forms import SearchForm
from .models import Article, ArticleRedirect, ShareLink
from .structured_data import article_jsonld
from .tasks import draw_share_card

LATEST_COUNT = 12
MOST_MENTIONED_COUNT = 6
SEARCH_ENTITY_COUNT = 8


def most_mentioned(entities, since):
    """The entities most articles named since ``since``, or of all time when nobody was
    named since then; and whether the ranking is the recent one.

    The recent ranking reads only the mentions of articles published since then (found
    by the publication-date index), not every mention ever recorded.
    """
    published = Article.objects.published()
    recent = entities.named_in(**published.filter(published_at__gte=since).entity_mention_lookups())
    ranked = list(recent[:MOST_MENTIONED_COUNT])
    if ranked:
        return ranked, True
    all_time = entities.named_in(**published.entity_mention_lookups())
    return list(all_time[:MOST_MENTIONED_COUNT]), False


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(Article.objects.published().for_cards()[: LATEST_COUNT + 1])
        month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        context.update(
            lead=articles[0] if articles else None,
            latest=articles[1:],
            top_institutions=most_mentioned(Entity.objects.institutions(), month_start),
            top_officials=most_mentioned(Entity.objects.officials(), month_start),
            jsonld=website_jsonld(),
        )
        return context


class ArticleListView(FilterView):
    filterset_class = ArticleFilter
    paginate_by = 20
    paginator_class = DeepPaginator
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_cards()


class ArticleDetailView(FormerSlugRedirectMixin, DetailView):
    template_name = "articles/article_detail.html"
    redirect_model = ArticleRedirect

    def get_queryset(self):
        # Staff preview the drafts and articles in review they may open at the desk;
        # readers only see what is published.
        # The Markdown source is not shown: the page shows the HTML rendered from it.
        articles = Article.objects.select_related("section").defer("body")
        if self.request.user.is_staff:
            return articles.visible_to(self.request.user)
        return articles.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reader_context(self.object))
        if context["is_preview"] and self.request.user.is_staff:
            context["edit_url"] = reverse("admin:articles_article_change", args=[self.object.pk])
        return context


def reader_context(article, *, keep=True):
    """What an article's page shows around its text; an unsaved article (the desk's live
    preview of a new one) has no mentions, translations or related articles yet.

    Without ``keep`` (a preview of fields not saved) its costly parts are neither read
    from the cache nor kept there (``articles.boxes``).
    """
    parts = boxes.page_parts(article, keep=keep)
    mentioned, credits = parts["mentioned"], parts["credits"]
    jsonld = article_jsonld(
        article,
        mentions=mentioned["mentions"],
        about=mentioned["about"],
        authors=credits["authors"],
    )
    return {
        "is_preview": not article.is_public,
        "mentioned_box": mentioned["box"],
        "related_box": parts["related"],
        "translations": parts["translations"],
        "story": parts["story"],
        "jsonld": jsonld,
    }


class SharedArticleView(ArticleDetailView):
    """An unpublished article for whoever holds one of its share links, while the link
    works; otherwise the site's 404. Never cached, never indexed."""

    def get_object(self, queryset=None):
        link = ShareLink.from_token(self.kwargs["token"])
        if link is None:
            raise Http404("This link has expired or was revoked.")
        return link.article

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response


@require_safe
def share_card(request, slug):
    """A published article's share card; the site's logo while the card is being drawn."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    name = card_name(article)
    if not default_storage.exists(name):
        draw_share_card.enqueue(article.pk)
        # Run at once in development and tests; a worker draws it in production.
        if not default_storage.exists(name):
            response = redirect(static(LOGO))
            patch_cache_control(response, no_cache=True)
            return response
    response = FileResponse(default_storage.open(name), content_type="image/png")
    patch_cache_control(response, public=True, max_age=86400)
    return response


class SearchView(ListView):
    """Institutions and officials first, then the articles that match or mention them."""

    paginate_by = 20
    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        # Fetched once: the page shows the best few, and the article search takes them
        # all by id, which lets the database foresee how few mentions they have.
        self.entities = list(Entity.objects.search(self.query)) if self.query else []
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.query:
            return Article.objects.none()
        return (
            Article.objects.published()
            .for_cards()
            .search(self.query, entities=[entity.pk for entity in self.entities])
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form, query=self.query, entities=self.entities[:SEARCH_ENTITY_COUNT]
        )
        return context
