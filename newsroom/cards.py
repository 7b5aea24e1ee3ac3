"""Share cards: the 1200 by 630 picture social networks show for a page with no photo of its
own, drawn with Pillow from the page's headline, a kicker and the site's name.

DejaVu Sans (``fonts/``, with its licence) covers Latin, Cyrillic and the letters Kazakh
adds to it.
"""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = "#9b1c1c"
INK = "#ffffff"
MUTED = "#f3d9d9"
FONTS = Path(__file__).resolve().parent / "fonts"
HEADLINE_SIZES = (68, 60, 52, 46, 40)
MAX_LINES = 4


def _font(size, bold=True):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def wrap(text, font, width, draw):
    """``text`` in lines no wider than ``width``; a word too long for a line stands alone."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def fit_headline(headline, draw, width):
    """The largest size at which ``headline`` fits in ``MAX_LINES`` lines; past that, the
    smallest size with the last line cut short."""
    for size in HEADLINE_SIZES:
        font = _font(size)
        lines = wrap(headline, font, width, draw)
        if len(lines) <= MAX_LINES:
            return font, lines
    kept = lines[:MAX_LINES]
    kept[-1] = kept[-1].rstrip(".,;:") + "…"
    return font, kept


def render_card(*, headline, kicker, site_name):
    """The card as PNG bytes."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.text((MARGIN, MARGIN), kicker.upper(), font=_font(30), fill=MUTED)
    font, lines = fit_headline(headline, draw, width)
    line_height = int(font.size * 1.2)
    top = (SIZE[1] - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=INK)
    draw.text((MARGIN, SIZE[1] - MARGIN - 34), site_name, font=_font(34, bold=False), fill=INK)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()
