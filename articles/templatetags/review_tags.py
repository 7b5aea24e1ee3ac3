from django import template

from articles.models import Occurrence

register = template.Library()


@register.simple_tag
def suggestions_waiting():
    """How many places in all articles wait for an editor's decision."""
    return Occurrence.objects.filter(state=Occurrence.State.SUGGESTED).count()
