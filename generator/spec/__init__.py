"""Reading and checking specs: YAML → located data (load, yamlread), the JSON Schema (schema) and the
checks the schema cannot express (semantics*), and `validate_paths` for files given by hand."""
