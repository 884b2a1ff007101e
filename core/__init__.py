"""What every app shares: partial dates and their form fields, index and pagination helpers,
the versioned base model, the slug manager and text folding. It imports no project app."""
