"""Demo course covers drawn on this machine with Pillow: a gradient, a pattern and the course code.

No network and no stock photos: each demo course gets its own colours (from its slug) and one of
a few industrial patterns (a grid of machine positions, gear-like rings, a wave), then goes
through the same cover pipeline as an author's upload (courses.api.add_course_cover_file).
"""

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from courses import api as courses_api
from courses.models import Course

SIZE = (1600, 900)
# Deep brand-like backgrounds, each with a lighter partner for the gradient.
PALETTES = (
    ((11, 79, 108), (32, 150, 170)),
    ((40, 52, 90), (110, 90, 170)),
    ((22, 92, 62), (120, 170, 70)),
    ((120, 46, 30), (230, 140, 60)),
    ((60, 60, 70), (150, 160, 180)),
    ((90, 30, 70), (200, 80, 120)),
)
FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")  # fonts-noto-core


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default(size)


def draw_cover(*, slug: str, code: str) -> bytes:
    """A PNG cover for a demo course, the same for the same slug and code."""
    digest = hashlib.sha256(slug.encode()).digest()
    dark, light = PALETTES[digest[0] % len(PALETTES)]
    ramp = Image.linear_gradient("L")  # 256 × 256, dark at the top
    mask = Image.blend(ramp.resize(SIZE), ramp.rotate(90).resize(SIZE), 0.5)  # corner to corner
    image = Image.composite(Image.new("RGB", SIZE, light), Image.new("RGB", SIZE, dark), mask)
    draw = ImageDraw.Draw(image, "RGBA")
    pattern = digest[1] % 3
    line = (255, 255, 255, 60)
    if pattern == 0:  # a grid of machine positions
        for x in range(100, SIZE[0], 140):
            for y in range(90, SIZE[1], 140):
                draw.rounded_rectangle((x, y, x + 70, y + 70), radius=12, outline=line, width=4)
    elif pattern == 1:  # rings, like gears meshing
        for index in range(5):
            cx, cy = 1150 + (digest[2 + index] % 300), 200 + (digest[7 + index] % 500)
            for radius in (60, 110, 160):
                draw.ellipse(
                    (cx - radius, cy - radius, cx + radius, cy + radius), outline=line, width=5
                )
    else:  # a signal
        for offset in range(0, 400, 50):
            points = [(x, 450 + offset - 200 + 80 * ((x // 100) % 2)) for x in range(0, 1700, 100)]
            draw.line(points, fill=line, width=4, joint="curve")
    draw.text((100, 640), code, font=_font(120), fill=(255, 255, 255, 235))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def seed_covers(slugs: list[str]) -> int:
    """Give each of these demo courses a drawn cover unless it has one; how many were drawn."""
    drawn = 0
    for course in Course.objects.filter(slug__in=slugs, cover={}).select_related(
        "published_version"
    ):
        code = course.published_version.code if course.published_version else course.slug
        courses_api.add_course_cover_file(
            course_id=course.pk, data=draw_cover(slug=course.slug, code=code)
        )
        drawn += 1
    return drawn
