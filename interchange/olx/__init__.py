"""Open edX OLX course exports (`.tar.gz`) read into the platform's course package."""
