from django import template

from articles.admin.review import suggestions_for

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestions_waiting(context):
    """How many places in the articles the signed-in user may open wait for a decision."""
    return suggestions_for(context["request"].user).count()
