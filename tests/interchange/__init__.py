"""Tests of the interchange app: course formats in and out."""
