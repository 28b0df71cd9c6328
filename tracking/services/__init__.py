"""One function per user action: validate, write, record who did it."""
