"""Training: data loading and validation, the pipeline, cross-validation, the model folder."""
