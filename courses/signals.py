"""Signals the courses app sends after its own transactions commit, for receivers that queue
background work (so services never import the tasks that call them back)."""

from django.dispatch import Signal

# An author's video file is stored and waits to be probed and transcoded; sent with `asset_id`.
video_uploaded = Signal()

# An author's e-learning package was checked and its zip kept; it waits to be unpacked. Sent with
# `package_id`.
elearning_package_uploaded = Signal()
