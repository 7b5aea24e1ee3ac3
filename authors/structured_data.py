"""schema.org descriptions of journalists, for JSON-LD."""

from newsroom.site import absolute_url
from newsroom.structured_data import publisher


def author_reference(author):
    """The short form an article's ``author`` uses."""
    data = {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
    if author.role:
        data["jobTitle"] = author.role
    return data


def author_jsonld(author):
    data = {"@context": "https://schema.org", **author_reference(author)}
    data["worksFor"] = publisher()
    if author.bio:
        data["description"] = author.bio
    if author.photo:
        data["image"] = absolute_url(author.photo.url)
    if author.link_list():
        data["sameAs"] = author.link_list()
    return data
