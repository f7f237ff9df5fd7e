"""Accounts: users, organisations (institutions, employers, the coalition) and memberships."""
