"""Time the background task's copies of one library image (renditions.make).

    MEDIA_ROOT=$(mktemp -d) DJANGO_DEBUG=1 .venv/bin/python bench/bench_renditions.py [--runs 3]

Pictures are noise, the worst case for every encoder; each is stored in MEDIA_ROOT (use
an empty folder) and its copies made ``--runs`` times. Touches no database. Target: the
largest photo well inside ``MAX_PROCESSING_SECONDS`` on a busy worker.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from PIL import Image as Pillow  # noqa: E402

from media_library import renditions  # noqa: E402
from media_library.models import Image  # noqa: E402

PICTURES = (((4000, 3000), "JPEG"), ((2000, 1333), "JPEG"), ((2000, 1333), "PNG"))


def noise(size, kind):
    output = io.BytesIO()
    Pillow.effect_noise(size, 60).convert("RGB").save(output, kind, quality=90)
    return output.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    for size, kind in PICTURES:
        name = default_storage.save(f"bench/noise.{kind.lower()}", ContentFile(noise(size, kind)))
        image = Image(pk=0, file=name, focal_x=0.3, focal_y=0.4, renditions={})
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            made = renditions.make(image)
            times.append(time.perf_counter() - start)
        copies = 2 * len(made["widths"]) + 1
        median = statistics.median(times)
        print(f"{size[0]}x{size[1]} {kind}: median {median:.2f} s, {copies} copies")


if __name__ == "__main__":
    main()
