"""Pure domain logic: forms, drafts, validation, numbering, readability. No Qt, no SQL."""
