"""Read and check the hand-edited entity registry, ``seeds/registry.toml``.

The file's header comment documents the format for editors. ``records`` holds the
plain frozen dataclasses the file turns into; ``reader`` reads the file and refuses
one with any mistake in it, naming the file and the entry, so a typo never reaches
the database half-loaded. Nothing here imports Django: the loader that writes these
records to the database is ``institutions.services``.
"""

from .reader import RegistryError, load_registry, read_registry
from .records import Alias, Appointment, Institution, Official, Registry

__all__ = [
    "Alias",
    "Appointment",
    "Institution",
    "Official",
    "Registry",
    "RegistryError",
    "load_registry",
    "read_registry",
]
