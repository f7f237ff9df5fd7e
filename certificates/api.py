"""The public door of `certificates` (empty until its issue lands)."""

__all__: list[str] = []
