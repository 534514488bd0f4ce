"""The importer: documentation pages → specs (read → transcribe → name → merge → write)."""
