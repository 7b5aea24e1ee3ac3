"""Lighthouse scores of the public pages as production serves them, on a phone and a desktop.

    python bench/lighthouse.py [--lighthouse PATH] [--chromium PATH] [--runs N]

Prepares a scratch site in a temporary folder (SQLite, production settings, static files
collected, the seeds loaded, a lead image on the article that names the most entities),
serves it with gunicorn on a free loopback port (uploads beside it), runs Lighthouse on
the front page, that article and the entity page with the most articles, and prints the
four category scores of each page in each form factor, with the audits that cost points.
With ``--runs`` above one, each score is the median of the runs. ``make lighthouse``
installs the pinned Lighthouse from npm and runs this.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON, ROOT, gunicorn, log, manage, production_environment

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = ["mobile", "desktop"]
ATTEMPTS = 3
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
DEFAULT_LIGHTHOUSE = ROOT / ".cache/lighthouse/node_modules/.bin/lighthouse"


def lead_image_bytes():
    """A 1600 by 900 photograph-like JPEG: smooth gradients, as a camera's picture compresses."""
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("RGB", (1600, 900))
    draw = ImageDraw.Draw(image)
    for y in range(900):
        draw.line([(0, y), (1600, y)], fill=(40 + y // 8, 90 + y // 12, 160 - y // 10))
    for index in range(12):
        x = 80 + index * 125
        draw.rectangle([x, 420 - index * 15, x + 90, 900], fill=(200 - index * 9, 180, 150))
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(2)).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def prepare():
    """Run inside the site's environment: give the most linked article a lead image and
    print the three addresses to measure as JSON."""
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.db.models import Count, Q

    from articles.models import Article, Mention
    from institutions.models import Entity

    public = Q(mentions__state__in=Mention.PUBLIC_STATES)
    article = (
        Article.objects.published()
        .annotate(named=Count("mentions", filter=public))
        .order_by("-named", "pk")
        .first()
    )
    article.lead_image.save("lighthouse.jpg", ContentFile(lead_image_bytes()), save=False)
    article.lead_image_alt = "Workshop buildings under an evening sky"
    article.lead_image_credit = "Newsroom"
    article.save()
    entity = (
        Entity.objects.annotate(named=Count("mentions", filter=public))
        .order_by("-named", "pk")
        .first()
    )
    pages = {"front page": "/", "article": article.get_absolute_url()}
    pages["entity"] = entity.get_absolute_url()
    print(json.dumps(pages))


def lighthouse(binary, chromium, url, form_factor, output):
    """One Lighthouse run; its report as a dict."""
    command = [str(binary), url, "--quiet", "--output=json", f"--output-path={output}"]
    command += [f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    for attempt in range(1, ATTEMPTS + 1):
        # Lighthouse now and then loses the trace of a load (NO_NAVSTART) on a busy
        # machine; that run says nothing about the page, so it is made again.
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium})
        if done.returncode == 0:
            return json.loads(Path(output).read_text())
        log(f"Lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS})")
    raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on {url}")


def deductions(report):
    """The scored audits that did not pass, as ``category: audit (score)``."""
    lost = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{key}: {ref['id']} ({audit['score']:.2f})")
    return lost


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", default=str(DEFAULT_LIGHTHOUSE))
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor")
    parser.add_argument("--reports", type=Path, help="a folder to keep every JSON report in")
    args = parser.parse_args()
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    if not Path(args.lighthouse).exists():
        sys.exit(f"Lighthouse is not at {args.lighthouse}; `make lighthouse` installs it.")

    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as home:
        home = Path(home)
        env = production_environment(
            "unused",
            DATABASE_URL=f"sqlite:///{home / 'db.sqlite3'}",
            MEDIA_ROOT=str(home / "media"),
            DJANGO_SECURE_HSTS_SECONDS="0",
            DJANGO_SECURE_COOKIES="0",
            REDIS_URL="",
            DJANGO_SETTINGS_MODULE="newsroom.settings",
        )
        log("Preparing the site: migrate, collectstatic, load_seeds")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "load_seeds", "-v0")
        prepared = subprocess.run(
            [PYTHON, "-m", "bench.lighthouse", "--prepare"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        pages = json.loads(prepared.stdout.splitlines()[-1])
        app = "newsroom.wsgi_media:application"
        with (
            (home / "server.log").open("w") as server_log,
            gunicorn(app, env=env, log_file=server_log) as port,
        ):
            rows, lost = measure(args, f"http://127.0.0.1:{port}", pages, args.reports or home)
    print_table(rows, args.runs)
    if lost:
        print("\nAudits that cost points:")
        for item, where in sorted(lost.items()):
            print(f"- {item}: {', '.join(sorted(where))}")


def measure(args, site, pages, reports):
    """Each page in each form factor: a table row of median scores, and the audits that
    cost points with where they did."""
    rows, lost = [], {}
    for name, path in pages.items():
        for form_factor in FORM_FACTORS:
            scores = {key: [] for key in CATEGORIES}
            for run in range(1, args.runs + 1):
                log(f"Lighthouse {form_factor} {site}{path} (run {run})")
                output = reports / f"{name.replace(' ', '-')}-{form_factor}-{run}.json"
                report = lighthouse(
                    args.lighthouse, args.chromium, site + path, form_factor, output
                )
                for key in CATEGORIES:
                    scores[key].append(report["categories"][key]["score"] * 100)
                for item in deductions(report):
                    lost.setdefault(item, set()).add(f"{name} {form_factor}")
            medians = [round(statistics.median(scores[key])) for key in CATEGORIES]
            rows.append([name, path, form_factor, *medians])
    return rows, lost


def print_table(rows, runs):
    version = f"median of {runs} runs" if runs > 1 else "one run"
    print(f"\nLighthouse scores ({version} per cell):\n")
    header = ["page", "address", "form factor", *CATEGORIES]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare()
    else:
        main()
