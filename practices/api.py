"""The public door of `practices` (see practices/README.md)."""

__all__: list[str] = []
