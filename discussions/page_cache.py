"""Pages of a course's threads and of a thread's replies, kept in the shared cache between
writes (issue 23's read budget: a thread list at 10,000 threads, a thread of 500 replies).

A page is stored as every reader of the course sees it (moderators have pages of their own);
what is each reader's own (whether they follow a thread, upvoted or wrote a post) is added to
it per request. The course is the scope: every write to its discussions (a thread, a reply, an
edit, a deletion, an upvote, an answer or endorsement, an attachment, a moderator's step) calls
`changed(course_id)`, which bumps the course's generation now and on commit (config.cache), so
a page built from the old rows is never served after the write. Pages live a minute at most:
an author's new display name reaches them within that.
"""

from config.cache import GenerationCache

PAGES = GenerationCache(
    name="discussion-pages",
    version=1,
    timeout=60,
    label="Discussion page cache",
    generation_timeout=3600,  # well past the pages' minute
)

__all__ = ["PAGES", "changed"]


def changed(course_id: int) -> None:
    """The course's discussions changed: stop serving its cached pages (now and on commit)."""
    PAGES.invalidate(scope=course_id)
