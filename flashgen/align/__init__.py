"""Sentence splitting and aligning Chinese sentences with their English."""
