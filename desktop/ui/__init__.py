"""Qt widgets only. Widgets call services; they never touch SQL or the file system."""
