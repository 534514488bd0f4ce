"""The layer around the plain specs → files function: what to redo (units, fingerprint, cache,
manifest), the pipeline that drives it, and atomic writes of the output tree."""
