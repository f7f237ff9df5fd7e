"""Course discussions at scale for the benchmarks: one course with N threads (in four
languages) and one thread of M replies, bulk-created. Idempotent: a second run adds only the
threads and replies that are missing."""

import time
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses import api as courses_api
from courses.models import Course
from devdata import bulk
from discussions.models import Post, Thread

BIG_THREAD_TITLE = "Bench: a thread with many replies"
TITLE_PREFIX = "Bench thread"
# The same questions in the four UI languages, so language filters and search have work to do.
SAMPLES = [
    ("en", "How do I set the preset time of a TON timer?", "My **TON** output fires at once."),
    ("zh-hans", "定时器的预设时间怎么设置？", "我的 **TON** 定时器总是立即输出。"),
    ("de", "Wie stelle ich die Zeit des TON-Timers ein?", "Mein **TON** schaltet sofort."),
    ("ar", "كيف أضبط زمن المؤقت TON؟", "مخرج **TON** يعمل فورًا."),
]


def seed_discussions(
    *,
    course_slug: str,
    author_email: str,
    threads: int = 10_000,
    replies: int = 500,
    report: Callable[[str], None] = print,
) -> Thread:
    """Make `course_slug` hold at least `threads` bench threads by `author_email` (who should
    be able to read the course) and one thread with `replies` replies; returns that thread."""
    started = time.monotonic()
    course = Course.objects.get(slug=course_slug)
    author = User.objects.get(email=author_email)
    now = timezone.now()
    existing = Thread.objects.filter(course=course, title__startswith=TITLE_PREFIX).count()
    with transaction.atomic():
        for start in range(existing, threads, bulk.BATCH):
            numbers = range(start, min(start + bulk.BATCH, threads))
            rows = []
            for number in numbers:
                language, title, body = SAMPLES[number % len(SAMPLES)]
                title = f"{TITLE_PREFIX} {number}: {title}"
                rows.append(
                    Thread(
                        course=course,
                        kind=Thread.Kind.QUESTION if number % 3 else Thread.Kind.DISCUSSION,
                        author=author,
                        title=title,
                        language=language,
                        is_answered=number % 5 == 0,
                        search_text=courses_api.normalize_search_text(f"{title}\n{body}"),
                        created_at=now - timedelta(minutes=number),
                        last_activity_at=now - timedelta(minutes=number),
                    )
                )
            created = Thread.objects.bulk_create(rows)
            Post.objects.bulk_create(
                Post(
                    thread=thread,
                    is_opening=True,
                    author=author,
                    body=SAMPLES[index % len(SAMPLES)][2],
                    body_html=courses_api.render_markdown(SAMPLES[index % len(SAMPLES)][2]),
                    created_at=thread.created_at,
                )
                for index, thread in enumerate(created, start=numbers.start)
            )
        big, _created = Thread.objects.get_or_create(
            course=course,
            title=BIG_THREAD_TITLE,
            defaults={"kind": Thread.Kind.QUESTION, "author": author, "language": "en"},
        )
        if not Post.objects.filter(thread=big, is_opening=True).exists():
            Post.objects.create(
                thread=big,
                is_opening=True,
                author=author,
                body="Ask away.",
                body_html="<p>Ask away.</p>",
            )
        present = Post.objects.filter(thread=big, is_opening=False).count()
        reply_rows: list[Post] = []
        for number in range(present, replies):
            body = f"Reply {number}: check the **PT** input, then IN."
            reply_rows.append(
                Post(
                    thread=big,
                    author=author,
                    body=body,
                    body_html=courses_api.render_markdown(body),
                    created_at=now + timedelta(seconds=number),
                )
            )
        created_replies = Post.objects.bulk_create(reply_rows)
        # Every fifth reply answers the reply before it: replies nest one level.
        for index, post in enumerate(created_replies):
            if index % 5 == 4:
                Post.objects.filter(pk=post.pk).update(parent_id=created_replies[index - 1].pk)
        Thread.objects.filter(pk=big.pk).update(
            reply_count=Post.objects.filter(thread=big, is_opening=False).count(),
            last_activity_at=now + timedelta(days=1),
        )
    report(
        f"Discussions ready in {time.monotonic() - started:.0f} s: {threads:,} threads in "
        f"{course_slug}, one with {replies:,} replies."
    )
    big.refresh_from_db()
    return big
