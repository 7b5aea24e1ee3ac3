import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Mention
from institutions.models import Appointment, Entity, Post
from tests.factories import (
    make_alias,
    make_article,
    make_institution,
    make_mention,
    make_official,
)

pytestmark = pytest.mark.django_db


class SlugTests:
    def test_cyrillic_name_gets_a_readable_latin_slug(self):
        assert make_institution("Мажилис").slug == "mazhilis"

    def test_kazakh_letters_are_transliterated(self):
        assert make_official("Қасым-Жомарт Тоқаев").slug == "qasym-zhomart-toqaev"

    def test_duplicate_name_gets_a_numbered_suffix(self):
        make_institution("Lu Ban Workshop")
        assert make_institution("Lu Ban Workshop").slug == "lu-ban-workshop-2"

    def test_institution_and_official_never_share_a_slug(self):
        make_institution("Altay")
        assert make_official("Altay").slug == "altay-2"

    def test_name_without_letters_still_gets_a_slug(self):
        assert make_institution("«»").slug == "institution"

    def test_database_refuses_a_duplicate_slug(self):
        make_institution("Mazhilis", slug="mazhilis")
        other = make_institution("Other")
        with pytest.raises(IntegrityError), transaction.atomic():
            Entity.objects.filter(pk=other.pk).update(slug="mazhilis")


class AppointmentTests:
    def test_database_rejects_an_end_before_the_start(self):
        official = make_official("Yerlan Koshanov")
        post = Post.objects.create(institution=make_institution("Mazhilis"), label="Chairman")
        with pytest.raises(IntegrityError), transaction.atomic():
            Appointment.objects.create(
                official=official,
                post=post,
                start_date=datetime.date(2022, 2, 1),
                end_date=datetime.date(2021, 1, 1),
            )

    def test_open_ended_appointment_is_held_today(self):
        official = make_official("Yerlan Koshanov")
        post = Post.objects.create(institution=make_institution("Mazhilis"), label="Chairman")
        Appointment.objects.create(
            official=official, post=post, start_date=datetime.date(2022, 2, 1)
        )
        held = Appointment.objects.held_on(datetime.date(2025, 1, 1))
        assert [a.post.label for a in held] == ["Chairman"]
        assert not Appointment.objects.held_on(datetime.date(2020, 1, 1)).exists()


class AliasTests:
    def test_database_refuses_the_same_alias_twice_for_one_entity(self):
        mazhilis = make_institution("Mazhilis")
        make_alias(mazhilis, "Majilis")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_alias(mazhilis, "MAJILIS")

    def test_two_entities_may_share_an_alias(self):
        make_alias(make_institution("A"), "ENU")
        make_alias(make_institution("B"), "ENU")


class EntityTests:
    def test_urls_follow_the_kind(self):
        assert make_institution("Mazhilis").get_absolute_url() == "/institutions/mazhilis/"
        assert make_official("Sayasat Nurbek").get_absolute_url() == "/officials/sayasat-nurbek/"

    def test_article_counts_only_count_public_mentions_of_published_articles(self):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article(), mazhilis)
        make_mention(make_article(), mazhilis, state=Mention.State.CONFIRMED)
        make_mention(make_article(), mazhilis, state=Mention.State.REJECTED)
        make_mention(make_article(), mazhilis, state=Mention.State.SUGGESTED)
        make_mention(make_article(status=Article.Status.DRAFT), mazhilis)
        counted = Entity.objects.with_article_counts().get(pk=mazhilis.pk)
        assert counted.article_count == 2
