"""The benchmark behind `make bench` (issue 10). Not a test; `tests/bench` runs it small."""
