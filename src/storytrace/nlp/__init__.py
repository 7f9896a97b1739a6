"""spaCy-based analysis: sentences, tokens, entities, and their normalisation to shared ids."""
