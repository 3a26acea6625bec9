"""Item pipelines: validate, store in batches, keep evidence."""
