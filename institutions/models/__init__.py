"""The entity registry: the institutions and officials that articles mention.

``entities`` holds the entities and their querysets, ``roles`` posts and appointments,
``aliases`` other written forms of names, ``relinking`` the record of each relink,
``redirects`` the addresses an entity had, and ``validation`` the rules several of them
share. The entity querysets read aliases and roles, so those modules refer to entities
by model name rather than importing them.
"""

from .aliases import Alias
from .entities import Entity, Institution, Official
from .redirects import EntityRedirect
from .relinking import RelinkJob
from .roles import Appointment, Post

__all__ = [
    "Alias",
    "Appointment",
    "Entity",
    "EntityRedirect",
    "Institution",
    "Official",
    "Post",
    "RelinkJob",
]
