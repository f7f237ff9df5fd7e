"""The public door of `discussions` (see discussions/README.md): threads and posts in a
course, reactions, notifications, attachments and moderation. Each function lives in a module
of one concern; views, tasks and other callers import only this module."""

from discussions.access import (
    CourseAccess,
    get_course_for_reader,
    get_organization_for_moderator,
    get_post_for_reader,
    get_thread_for_reader,
)
from discussions.attachments import (
    discard_unclaimed_attachments,
    open_attachment_file,
    upload_attachment,
)
from discussions.moderation import (
    POST_ACTIONS,
    THREAD_ACTIONS,
    get_word_filter,
    list_mutes,
    moderate_post,
    moderate_thread,
    moderation_queue,
    mute_user,
    report_post,
    set_word_filter,
    unmute_user,
)
from discussions.notifying import (
    notify_about_post,
    notify_announcement,
    notify_endorsement,
    send_daily_digests,
)
from discussions.posting import delete_post, edit_post, reply_to_thread, start_thread
from discussions.preferences import get_email_mode, set_email_mode
from discussions.reactions import endorse_post, follow_thread, mark_answered, set_upvote
from discussions.selectors import (
    course_threads,
    followed_among,
    get_thread,
    has_own_held_posts,
    has_own_unseen_threads,
    list_posts,
    list_threads,
    thread_posts,
    upvoted_among,
    with_follows,
)
from discussions.text import BODY_MAX_CHARACTERS, detect_language

__all__ = [
    "BODY_MAX_CHARACTERS",
    "POST_ACTIONS",
    "THREAD_ACTIONS",
    "CourseAccess",
    "course_threads",
    "delete_post",
    "detect_language",
    "discard_unclaimed_attachments",
    "edit_post",
    "endorse_post",
    "follow_thread",
    "followed_among",
    "get_course_for_reader",
    "get_email_mode",
    "get_organization_for_moderator",
    "get_post_for_reader",
    "get_thread",
    "get_thread_for_reader",
    "get_word_filter",
    "has_own_held_posts",
    "has_own_unseen_threads",
    "list_mutes",
    "list_posts",
    "list_threads",
    "mark_answered",
    "moderate_post",
    "moderate_thread",
    "moderation_queue",
    "mute_user",
    "notify_about_post",
    "notify_announcement",
    "notify_endorsement",
    "open_attachment_file",
    "reply_to_thread",
    "report_post",
    "send_daily_digests",
    "set_email_mode",
    "set_upvote",
    "set_word_filter",
    "start_thread",
    "thread_posts",
    "unmute_user",
    "upload_attachment",
    "upvoted_among",
    "with_follows",
]
