"""Ids and numbers beyond what an integer column holds match nothing, in every query.

Django already answers ``exact`` and the comparisons on an integer field this way when the
number cannot be stored; ``in`` and the lookups through a relation (``entity=…``,
``parent__in=…``) instead pass the number to the database, where SQLite raises an
OverflowError and PostgreSQL an error: a server error for a form that posts a made-up id
(a select, an autocomplete box, a list's selected rows). These lookups drop such numbers
first, as Django's own do. Registered by ``NewsroomConfig.ready``.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def integer_column(lhs):
    """The integer field whose column ``lhs`` compares, through relations; or None."""
    if isinstance(lhs, ColPairs):
        return None
    field = getattr(lhs, "output_field", None)
    while isinstance(field, ForeignObject) and len(field.foreign_related_fields) == 1:
        field = field.target_field
    return field if isinstance(field, IntegerField) else None


def fits(value, field, connection):
    if not isinstance(value, int):
        return True
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


class FittingIn:
    """``in``, without the numbers the column cannot hold (none left: nothing matches)."""

    def process_rhs(self, compiler, connection):
        field = integer_column(self.lhs)
        if field is not None and self.rhs_is_direct_value():
            self.rhs = [value for value in self.rhs if fits(value, field, connection)]
        return super().process_rhs(compiler, connection)


class IntegerIn(FittingIn, In):
    pass


class FittingRelatedIn(FittingIn, RelatedIn):
    pass


class FittingRelatedExact(RelatedExact):
    def process_rhs(self, compiler, connection):
        field = integer_column(self.lhs)
        direct = field is not None and self.rhs_is_direct_value()
        if direct and not fits(self.rhs, field, connection):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(FittingRelatedIn)
    ForeignObject.register_lookup(FittingRelatedExact)
