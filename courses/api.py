"""The public door of `courses` (empty until its issue lands)."""

__all__: list[str] = []
