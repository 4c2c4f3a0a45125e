"""Study sets: recipes, filters, known words, a teacher's curated list."""
