"""The public door of `discussions` (see discussions/README.md)."""

__all__: list[str] = []
