from django.views.generic import DetailView, ListView

from .models import Article


class ArticleListView(ListView):
    paginate_by = 20
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        # Staff preview drafts; readers only ever see what is published.
        if self.request.user.is_staff:
            return Article.objects.all()
        return Article.objects.published()
