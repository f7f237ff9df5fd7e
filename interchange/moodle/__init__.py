"""Moodle course backups (`.mbz`, Moodle 3.x and 4.x) read into package modules and a report."""
