"""Backing the site up to one archive and restoring it: data as JSON, plus media files."""

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    pass


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _backed_up_models():
    """The models ``NEWSROOM_BACKUP_MODELS`` names: ``app.model`` labels, or whole apps."""
    for label in settings.NEWSROOM_BACKUP_MODELS:
        if "." in label:
            yield apps.get_model(label)
        else:
            yield from apps.get_app_config(label).get_models()


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def backup_site(path):
    """Write the site's data and media into the gzipped tar archive ``path``."""
    models = list(_backed_up_models())
    objects = [obj for model in models for obj in model._base_manager.order_by("pk")]
    records = serializers.serialize(
        "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    data = json.dumps(records, cls=ExactJSONEncoder, indent=1).encode()
    counts = {model._meta.label: model._base_manager.count() for model in models}
    manifest = {"created_at": timezone.now().isoformat(), "counts": counts}
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=1).encode())
        _add_bytes(archive, DATA_NAME, data)
        if media_root.is_dir():
            archive.add(media_root, arcname=MEDIA_PREFIX.rstrip("/"))
    return manifest


def site_is_empty():
    """Whether no content app named whole in ``NEWSROOM_BACKUP_MODELS`` has a row."""
    content_apps = [
        apps.get_app_config(label) for label in settings.NEWSROOM_BACKUP_MODELS if "." not in label
    ]
    return not any(
        model._base_manager.exists() for app in content_apps for model in app.get_models()
    )


@transaction.atomic
def restore_site(path):
    """Load the archive ``path`` into this database and MEDIA_ROOT; returns the counts."""
    with tarfile.open(path, "r:gz") as archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST_NAME))
            data = archive.extractfile(DATA_NAME).read()
        except (KeyError, AttributeError, json.JSONDecodeError) as error:
            raise BackupError(f"{path} is not a Newsroom backup: {error}") from error
        # loaddata orders the rows, checks constraints at the end and resets sequences.
        with tempfile.NamedTemporaryFile(suffix=".json") as fixture:
            fixture.write(data)
            fixture.flush()
            call_command("loaddata", fixture.name, verbosity=0)
        media = [m for m in archive.getmembers() if m.name.startswith(MEDIA_PREFIX)]
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        for member in media:
            member.name = member.name[len(MEDIA_PREFIX) :]
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            archive.extract(member, media_root, filter="data")
    return manifest
