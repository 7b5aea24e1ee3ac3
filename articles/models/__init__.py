"""Articles and the entities they mention.

``articles`` holds the article and its querysets, ``mentions`` the entities an article
names, ``revisions`` the content each save left. The article querysets read mentions,
so ``mentions`` refers to the article by model name rather than importing it.
"""

from .articles import Article, OnPostgreSQL, next_publication
from .mentions import Mention
from .revisions import Revision

__all__ = [
    "Article",
    "Mention",
    "OnPostgreSQL",
    "Revision",
    "next_publication",
]
