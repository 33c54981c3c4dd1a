"""The awards engine, pure Python: eligibility rules as data, expert scoring and ranking, funding arithmetic."""
