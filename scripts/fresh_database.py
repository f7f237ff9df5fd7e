"""Print the URL of a freshly created copy-less PostgreSQL database `<name>_<suffix>`.

Used by scripts/e2e-server.sh so browser tests never inherit data or schema from earlier runs.
"""

import sys

import psycopg


def main() -> None:
    url, suffix = sys.argv[1], sys.argv[2]
    base, name = url.rsplit("/", 1)
    fresh = f"{name}_{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{fresh}"')
    print(f"{base}/{fresh}")


if __name__ == "__main__":
    main()
