"""Writing the result: note types, notes, the .apkg package, exports, audio."""
