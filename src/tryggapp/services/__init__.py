"""Use cases: validation, queries and edits over the database. No Qt."""
