"""Choosing a term's English: dictionary senses, the parallel phrase, a breakdown."""
