from django import template

from articles.admin.dashboard import desk

register = template.Library()


@register.simple_tag
def desk_dashboard(user):
    """The lists of the admin index's dashboard for ``user``."""
    return desk(user)
