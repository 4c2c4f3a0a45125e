"""Finding the terms of a text: candidates, English evidence, ranking rules, scores."""
