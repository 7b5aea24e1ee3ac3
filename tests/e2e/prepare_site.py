"""Prepare a fresh site for the browser journeys: schema, static files, seeds, staff.

Run as ``python -m tests.e2e.prepare_site`` with the environment the server will use, so
the database and static files are exactly what the server process reads.
"""

import os

PASSWORD = "correct-horse-battery-staple"
STAFF = {"eda": "Editor", "rory": "Reporter", "ria": "Reporter", "noor": "Editor"}
# Each reporter's own draft: the other reporter may not open it.
REPORTER_DRAFTS = {
    "rory": "Rory's draft on the college intake",
    "ria": "Ria's draft on the ministry reshuffle",
}
DRAFT_TITLE = "Embargoed: the Majilis hears the workshop budget"
DRAFT_SLUG = "embargoed-the-majilis-hears-the-workshop-budget"
# Published articles naming the President's surname in ways the linker only suggests.
REVIEW_TITLE = "The budget session opens"
REVIEW_BODY = (
    "Nurlan Tokayev, a councillor from Shymkent, opened the budget session.\n\n"
    "Askar Tokayev, a deputy from Almaty, asked about the workshops."
)
INBOX_TITLE = "A councillor on the workshops"
INBOX_BODY = "Dana Tokayev, a teacher from Turkistan, praised the workshops."
SPEAKER_ARTICLE = (
    "Priorities of the President's Policy Focus on Workers' Needs, as Stated by Koshanov"
)
RUSSIAN_TITLE = "Кошанов: Мажилис поддержит приоритеты Президента"
RUSSIAN_SLUG = "koshanov-mazhilis-podderzhit-prioritety"
# A journalist's photo story in a section, published before every other article so that
# it leads no page the other journeys look at.
AUTHOR_SLUG = "aigerim-sadykova"
SECTION_SLUG = "politics"
PICTURE_SLUG = "a-week-in-pictures"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Article
    from articles.services import article_save

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_seeds", verbosity=0)
    for username, group in STAFF.items():
        user = User.objects.create_user(
            username, f"{username}@example.com", PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
    for username, title in REPORTER_DRAFTS.items():
        author = User.objects.get(username=username)
        article_save(article=Article(title=title, body="Notes so far."), by=author)
    Article.objects.create(
        title=DRAFT_TITLE,
        slug=DRAFT_SLUG,
        body="Erlan Koshanov will present the budget to the Majilis next week.",
        status=Article.Status.DRAFT,
    )
    for title, body in ((REVIEW_TITLE, REVIEW_BODY), (INBOX_TITLE, INBOX_BODY)):
        article = Article(
            title=title,
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )
        article_save(article=article, by=None)
    original = Article.objects.get(title=SPEAKER_ARTICLE)
    russian = Article(
        title=RUSSIAN_TITLE,
        slug=RUSSIAN_SLUG,
        body="Мажилис поддержит приоритеты, которые назвал Президент Токаев, сказал Кошанов.",
        language=Article.Language.RUSSIAN,
        translation_of=original,
        status=Article.Status.PUBLISHED,
        published_at=original.published_at,
    )
    article_save(article=russian, by=None)
    picture_story(published_at=original.published_at - timezone.timedelta(days=1))


def picture_story(published_at):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from articles.models import Article
    from articles.services import article_save
    from authors.models import Author
    from sections.models import Section

    photo = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 90, 150)).save(photo, "JPEG")
    article = Article(
        title="A week in pictures",
        slug=PICTURE_SLUG,
        dek="The week's sittings, as our photographer saw them.",
        body="Photographs from the sittings of the week.",
        section=Section.objects.create(name="Politics", slug=SECTION_SLUG),
        lead_image=SimpleUploadedFile("week.jpg", photo.getvalue()),
        lead_image_alt="Deputies leaving the chamber after the vote",
        lead_image_credit="Aigerim Sadykova",
        status=Article.Status.PUBLISHED,
        published_at=published_at,
    )
    article_save(article=article, by=None)
    author = Author.objects.create(
        name="Aigerim Sadykova",
        slug=AUTHOR_SLUG,
        role="Photographer",
        bio="Covers parliament with a camera.",
    )
    article.authors.add(author)


if __name__ == "__main__":
    main()
