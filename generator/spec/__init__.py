"""Reading and checking specs: YAML → located data (load, yamlread), the JSON Schema (schema) and the
checks the schema cannot express (semantics*), and `validate_paths` for files given by hand."""

__all__ = ["SERVICE_FILE"]

# A service's own spec, beside its operations' (stated here so `validate` finds it without loading YAML).
SERVICE_FILE = "_service.yaml"
