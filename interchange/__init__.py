"""Courses in other platforms' formats: Common Cartridge in and out (Moodle and OLX to come)."""
