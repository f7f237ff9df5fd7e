"""The HTTP layer of discussions: thin views over discussions.api."""
