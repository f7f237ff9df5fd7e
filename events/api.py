"""The public door of `events` (see events/README.md)."""

__all__: list[str] = []
