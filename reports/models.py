"""Yearly reports: built from a snapshot of the plan's follow-up data (see issue 5)."""
