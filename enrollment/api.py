"""The public door of `enrollment` (empty until its issue lands)."""

__all__: list[str] = []
