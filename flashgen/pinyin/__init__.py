"""Readings in context: tables, the polyphone model, rules, tone marks."""
