"""Articles and the entities they mention.

``articles`` holds the article and its querysets, ``occurrences`` each place where an
article names an entity, ``mentions`` the per-entity summary derived from them,
``revisions`` the content each save left, ``desk`` review notes and old addresses,
``drafts`` each editor's autosaved form and the share links of unpublished articles.
The article querysets read mentions, so ``mentions`` refers to the article by model name
rather than importing it.
"""

from .articles import Article, next_publication
from .desk import ArticleRedirect, ReviewNote
from .drafts import Draft, ShareLink
from .mentions import Mention
from .occurrences import Occurrence
from .queries import OnPostgreSQL, is_editor
from .revisions import Revision

__all__ = [
    "Article",
    "ArticleRedirect",
    "Draft",
    "Mention",
    "Occurrence",
    "OnPostgreSQL",
    "ReviewNote",
    "Revision",
    "ShareLink",
    "is_editor",
    "next_publication",
]
