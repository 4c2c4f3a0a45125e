"""Files flashgen writes and reads for itself: atomic output, the app directory, tables."""
