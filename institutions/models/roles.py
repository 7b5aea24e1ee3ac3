"""Roles: the posts of an institution and the officials appointed to them."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .validation import not_before


class Post(models.Model):
    """A role at an institution, such as the Speaker of the Mazhilis."""

    institution = models.ForeignKey("Institution", on_delete=models.CASCADE, related_name="posts")
    label = models.CharField(max_length=200, help_text='E.g. "Speaker" or "Minister".')

    class Meta:
        ordering = ["institution__name", "label"]
        constraints = [
            models.UniqueConstraint(
                "institution", Lower("label"), name="post_unique_label_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.label}, {self.institution.name}"


class AppointmentQuerySet(models.QuerySet):
    def held_on(self, day):
        """Appointments in force on ``day``; an open start or end counts as in force."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class Appointment(models.Model):
    official = models.ForeignKey("Official", on_delete=models.CASCADE, related_name="appointments")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="appointments")
    start_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end_date = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before(
                "end_date",
                "start_date",
                name="appointment_ends_after_start",
                message="An appointment cannot end before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["official", "start_date"])]

    def __str__(self):
        return f"{self.official} — {self.post}"

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()
