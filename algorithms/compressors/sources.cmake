# Compressors (one file pair each).
