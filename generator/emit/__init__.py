"""From the typed model to files: Jinja rendering and its filters, Python source helpers, examples,
black formatting, and the OpenAPI 3.1 document."""
