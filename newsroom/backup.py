"""Backing the site up to one archive and restoring it: data as JSON Lines, plus media.

Both directions stream, so memory stays flat however large the site: the backup writes
each row to a temporary file as it reads it and the archive copies files in chunks; the
restore reads the archive member by member into a staging folder.

A restore checks everything it can before it changes anything (the file, the gzip and tar
structure, every member against the extraction filter, the format version, every data
line against the manifest, the target database and its migrations), then empties the
database (when asked to) and loads the data in one transaction: a failure at any point
leaves the site as it was.
"""

import datetime
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The archive format: 1 held one JSON document (read whole), 2 holds one row per line.
FORMAT = 2
DATA_NAMES = {1: "data.json", 2: "data.jsonl"}
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
# Rows read from the database at a time while backing up.
CHUNK_SIZE = 2000
# A manifest is a few hundred bytes; more is not a Newsroom manifest.
MAX_MANIFEST_BYTES = 1024 * 1024


class BackupError(Exception):
    pass


class SiteNotEmpty(BackupError):
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


def _rows(model, counts):
    """The model's rows in primary key order, read in chunks and counted as they go.

    Rows that point at a user or group are written with its natural key (the username),
    so those are read in the same query.
    """
    natural = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.remote_field.model, "natural_key")
    ]
    rows = model._base_manager.select_related(*natural).order_by("pk")
    counts[model._meta.label] = 0
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        counts[model._meta.label] += 1
        yield row


def _dump(models, stream):
    """Write every row of ``models`` to ``stream``, one JSON object a line; the counts."""
    counts = {}
    for model in models:
        serializers.serialize(
            "jsonl",
            _rows(model, counts),
            stream=stream,
            cls=ExactJSONEncoder,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    return counts


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def backup_site(path):
    """Write the site's data and media into the gzipped tar archive ``path``.

    The archive is written beside ``path`` under a temporary name and renamed when it is
    complete, so a failed backup leaves an earlier archive of that name as it was.
    """
    path = Path(path)
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise BackupError(f"There is no folder {folder} to write {path.name} in.")
    if not os.access(folder, os.W_OK):
        raise BackupError(f"The folder {folder} cannot be written to.")
    models = list(_backed_up_models())
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".newsroom-backup-", dir=folder) as work:
        data = Path(work) / DATA_NAMES[FORMAT]
        with data.open("w", encoding="utf-8") as stream:
            counts = _dump(models, stream)
        manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "counts": counts}
        partial = Path(work) / path.name
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname=data.name)
            if media_root.is_dir():
                archive.add(media_root, arcname=MEDIA_DIR)
        os.replace(partial, path)
    return manifest


def site_is_empty():
    """Whether no content app named whole in ``NEWSROOM_BACKUP_MODELS`` has a row."""
    content_apps = [
        apps.get_app_config(label) for label in settings.NEWSROOM_BACKUP_MODELS if "." not in label
    ]
    return not any(
        model._base_manager.exists() for app in content_apps for model in app.get_models()
    )


def check_database(using=DEFAULT_DB_ALIAS):
    """Raise ``BackupError`` unless the database answers and has every migration."""
    connection = connections[using]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        raise BackupError(f"The database cannot be reached: {error}") from error
    if missing:
        raise BackupError(
            f"The database lacks {len(missing)} migration(s); run `manage.py migrate` first."
        )


@dataclass
class StagedBackup:
    """An archive read and checked in full, its members in a staging folder."""

    manifest: dict
    data: Path
    media: Path


def _read_manifest(archive, member, source):
    if member.size > MAX_MANIFEST_BYTES:
        raise BackupError(f"{source}: {MANIFEST_NAME} is {member.size} bytes, too large.")
    try:
        manifest = json.load(archive.extractfile(member))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{source}: {MANIFEST_NAME} is not JSON: {error}") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("counts"), dict):
        raise BackupError(f"{source}: {MANIFEST_NAME} does not list what the backup holds.")
    return manifest


def _stage_media(archive, member, staging, source):
    """Extract a media file or folder into ``staging``, through the "data" filter."""
    if not (member.isfile() or member.isdir()):
        raise BackupError(
            f"{source}: {member.name!r} is a link or device; a backup holds only files."
        )
    relative = member.name[len(MEDIA_DIR) + 1 :]
    if not relative:
        return
    try:
        # The "data" filter refuses ".." and anything leaving the folder; a name it would
        # have to change (an absolute path it makes relative) is refused too.
        checked = tarfile.data_filter(member.replace(name=relative), str(staging))
        if checked.name != relative:
            raise tarfile.FilterError(f"the name would have to become {checked.name!r}")
        archive.extract(checked, staging, filter="data")
    except tarfile.FilterError as error:
        raise BackupError(f"{source}: refused the member {member.name!r}: {error}") from error


def _stage(path, work):
    """Read the archive at ``path`` once, member by member, into ``work``."""
    media = work / MEDIA_DIR
    media.mkdir()
    manifest, data = None, {}
    with tarfile.open(path, "r|gz") as archive:
        for member in archive:
            name = member.name.rstrip("/")
            if name == MANIFEST_NAME:
                manifest = _read_manifest(archive, member, path)
            elif name in DATA_NAMES.values() and member.isfile():
                data[name] = work / name
                with data[name].open("wb") as target:
                    shutil.copyfileobj(archive.extractfile(member), target)
            elif name == MEDIA_DIR or name.startswith(MEDIA_DIR + "/"):
                _stage_media(archive, member, media, path)
            else:
                raise BackupError(f"{path}: {member.name!r} is not part of a Newsroom backup.")
    return manifest, data, media


def _data_records(path):
    """The records of a data file: one a line (format 2) or one JSON list (format 1)."""
    with path.open(encoding="utf-8") as lines:
        if path.suffix == ".json":
            yield from json.load(lines)
            return
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as error:
                    raise BackupError(f"{path.name}, line {number}: {error}") from error


def _check_data(data, manifest, source):
    """Every record names a model this site backs up, as many as the manifest says."""
    expected = {model._meta.label_lower: model._meta.label for model in _backed_up_models()}
    found = Counter()
    for record in _data_records(data):
        label = record.get("model") if isinstance(record, dict) else None
        if label not in expected:
            raise BackupError(f"{source}: {data.name} holds a record of {label!r}.")
        found[expected[label]] += 1
    for label, count in manifest["counts"].items():
        if found[label] != count:
            raise BackupError(
                f"{source}: the manifest lists {count} {label} but {data.name} holds "
                f"{found[label]}; the archive is damaged."
            )


def read_backup(path, work):
    """Check the archive at ``path`` in full, staging it in the folder ``work``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    try:
        manifest, data, media = _stage(path, work)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is not a readable .tar.gz archive: {error}") from error
    if manifest is None:
        raise BackupError(f"{path} is not a Newsroom backup: it has no {MANIFEST_NAME}.")
    version = manifest.get("format", 1)
    if version not in DATA_NAMES:
        raise BackupError(
            f"{path} is in backup format {version!r}; this version of Newsroom reads "
            f"formats {', '.join(map(str, DATA_NAMES))}."
        )
    if DATA_NAMES[version] not in data:
        raise BackupError(f"{path} is not a Newsroom backup: it has no {DATA_NAMES[version]}.")
    _check_data(data[DATA_NAMES[version]], manifest, path)
    return StagedBackup(manifest=manifest, data=data[DATA_NAMES[version]], media=media)


def _install_media(staging):
    media_root = Path(settings.MEDIA_ROOT)
    for source in sorted(staging.rglob("*")):
        target = media_root / source.relative_to(staging)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            shutil.move(source, target)


def _staging_folder():
    """Beside MEDIA_ROOT when it can be, so that installing the media is a rename."""
    parent = Path(settings.MEDIA_ROOT).parent
    return tempfile.TemporaryDirectory(
        prefix=".newsroom-restore-", dir=parent if os.access(parent, os.W_OK) else None
    )


def restore_site(path, *, replace=False):
    """Load the archive ``path`` into this database and MEDIA_ROOT; returns its manifest.

    Refuses (``SiteNotEmpty``) a database with content, unless ``replace``: then
    everything in it is deleted first, in the transaction that loads the archive.
    """
    check_database()
    if not replace and not site_is_empty():
        raise SiteNotEmpty("The database already holds articles or entities.")
    with _staging_folder() as work:
        backup = read_backup(path, Path(work))
        try:
            with transaction.atomic():
                if replace:
                    call_command("flush", interactive=False, verbosity=0)
                # loaddata checks constraints at the end and resets sequences.
                call_command("loaddata", str(backup.data), verbosity=0)
                _install_media(backup.media)
        except Exception as error:
            # Whatever failed (a row, a constraint, the disk), the transaction undid it all.
            raise BackupError(f"loading it failed and was rolled back: {error}") from error
    return backup.manifest
