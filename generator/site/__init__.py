"""The public website, planned and rendered from the Index (no MkDocs imports here)."""
