"""The entity registry in the Popolo open-government format, both ways.

Plain Python, no Django: it converts between a Popolo document (``persons``,
``organizations``, ``posts``, ``memberships``) and the registry data the registry file
holds (``[[institution]]`` and ``[[official]]`` tables, as ``institutions.registry``
reads them), so the same checks guard both formats and nothing is lost either way.

Popolo has no place for a few registry facts; they travel in extra keys that Popolo
consumers ignore: ``city``, ``country``, ``superseded_by_id`` and
``summary_translations`` on an organization, ``summary_translations`` on a person, and
``common_word`` on an other name. An other name's ``note`` is the alias kind (``name``,
``short``, ``surname``, ``former``) or ``display`` for the name pages in that ``lang``
show; the registry's ``wikidata`` is the identifier with scheme ``wikidata``.
"""

from datetime import date

WIKIDATA = "wikidata"
DISPLAY = "display"
# Languages with a name and summary of their own on the site's pages.
DISPLAY_LANGUAGES = ("ru", "kk")
# Registry keys and the Popolo keys they become, where only the name differs.
INSTITUTION_KEYS = {
    "slug": "id",
    "name": "name",
    "classification": "classification",
    "parent": "parent_id",
    "superseded_by": "superseded_by_id",
    "city": "city",
    "country": "country",
    "founded": "founding_date",
    "dissolved": "dissolution_date",
    "summary": "summary",
}
OFFICIAL_KEYS = {
    "slug": "id",
    "name": "name",
    "given_name": "given_name",
    "family_name": "family_name",
    "summary": "summary",
}


class PopoloError(ValueError):
    """The document is not Popolo this converter can read; the message says where."""


def _text(value):
    return value.isoformat() if isinstance(value, date) else value


def _entity_to_popolo(entry, keys):
    item = {popolo: _text(entry[key]) for key, popolo in keys.items() if entry.get(key)}
    if entry.get("wikidata"):
        item["identifiers"] = [{"scheme": WIKIDATA, "identifier": entry["wikidata"]}]
    names = [
        {"name": entry[f"name_{language}"], "note": DISPLAY, "lang": language}
        for language in DISPLAY_LANGUAGES
        if entry.get(f"name_{language}")
    ]
    for alias in entry.get("aliases", ()):
        name = {"name": alias["name"], "note": alias.get("kind", "name")}
        if alias.get("language"):
            name["lang"] = alias["language"]
        if alias.get("is_common_word"):
            name["common_word"] = True
        names.append(name)
    if names:
        item["other_names"] = names
    summaries = {
        language: entry[f"summary_{language}"]
        for language in DISPLAY_LANGUAGES
        if entry.get(f"summary_{language}")
    }
    if summaries:
        item["summary_translations"] = summaries
    return item


def _post_id(institution, label):
    return f"{institution}/{label}"


def to_popolo(registry):
    """The Popolo document of ``registry`` data (``{"institution": [...], "official":
    [...]}``, as the registry file reads)."""
    organizations, posts, persons, memberships = [], [], [], []
    for entry in registry.get("institution", ()):
        organizations.append(_entity_to_popolo(entry, INSTITUTION_KEYS))
        posts.extend(
            {"id": _post_id(entry["slug"], label), "label": label, "organization_id": entry["slug"]}
            for label in entry.get("posts", ())
        )
    for entry in registry.get("official", ()):
        persons.append(_entity_to_popolo(entry, OFFICIAL_KEYS))
        for held in entry.get("appointments", ()):
            membership = {
                "person_id": entry["slug"],
                "organization_id": held["institution"],
                "post_id": _post_id(held["institution"], held["post"]),
                "role": held["post"],
            }
            for key, popolo in (("start", "start_date"), ("end", "end_date")):
                if held.get(key):
                    membership[popolo] = _text(held[key])
            memberships.append(membership)
    return {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
    }


def _list(document, key, where="the document"):
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise PopoloError(f'{where}: "{key}" must be a list of objects')
    return value


def _entity_from_popolo(item, keys, where):
    entry = {key: item[popolo] for key, popolo in keys.items() if popolo in item}
    for identifier in _list(item, "identifiers", where):
        if identifier.get("scheme") == WIKIDATA:
            entry["wikidata"] = identifier.get("identifier", "")
    aliases = []
    for name in _list(item, "other_names", where):
        language = name.get("lang", "")
        if name.get("note") == DISPLAY and language in DISPLAY_LANGUAGES:
            entry[f"name_{language}"] = name.get("name", "")
            continue
        alias = {"name": name.get("name", ""), "kind": name.get("note") or "name"}
        if language:
            alias["language"] = language
        if "common_word" in name:
            alias["is_common_word"] = name["common_word"]
        aliases.append(alias)
    if aliases:
        entry["aliases"] = aliases
    translations = item.get("summary_translations", {})
    if not isinstance(translations, dict):
        raise PopoloError(f'{where}: "summary_translations" must map languages to text')
    for language in DISPLAY_LANGUAGES:
        if language in translations:
            entry[f"summary_{language}"] = translations[language]
    return entry


def from_popolo(document):
    """Registry data (to be checked by ``institutions.registry.read_registry``) from a
    Popolo document; raises ``PopoloError`` when its shape is wrong."""
    if not isinstance(document, dict):
        raise PopoloError("the document must be a JSON object")
    posts = {}
    for post in _list(document, "posts"):
        if not isinstance(post.get("id"), str) or not isinstance(post.get("label"), str):
            raise PopoloError('every post needs an "id" and a "label"')
        posts[post["id"]] = post
    institutions = []
    for number, item in enumerate(_list(document, "organizations"), start=1):
        entry = _entity_from_popolo(item, INSTITUTION_KEYS, f"organization #{number}")
        labels = [p["label"] for p in posts.values() if p.get("organization_id") == item.get("id")]
        if labels:
            entry["posts"] = labels
        institutions.append(entry)
    held = {}
    for number, membership in enumerate(_list(document, "memberships"), start=1):
        person, post = membership.get("person_id"), posts.get(membership.get("post_id"))
        if not isinstance(person, str):
            raise PopoloError(f'membership #{number}: "person_id" must be a person\'s id')
        if post is None:
            raise PopoloError(f'membership #{number}: "post_id" names no post in "posts"')
        appointment = {"institution": post.get("organization_id", ""), "post": post["label"]}
        for key, popolo in (("start", "start_date"), ("end", "end_date")):
            if membership.get(popolo):
                appointment[key] = membership[popolo]
        held.setdefault(person, []).append(appointment)
    officials = []
    for number, item in enumerate(_list(document, "persons"), start=1):
        entry = _entity_from_popolo(item, OFFICIAL_KEYS, f"person #{number}")
        if item.get("id") in held:
            entry["appointments"] = held.pop(item.get("id"))
        officials.append(entry)
    if held:
        raise PopoloError('memberships of persons not in "persons": ' + ", ".join(sorted(held)))
    return {"institution": institutions, "official": officials}
