"""The typed model between specs and templates (api), how specs become it (build), and every name
and default a spec implies, derived once (derive, naming, typemap, declare)."""
