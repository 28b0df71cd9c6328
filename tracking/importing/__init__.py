"""Monthly figures from spreadsheets: read a CSV or Excel file, preview what it would
change, and commit it all or nothing through the measurement services.

- `reading`: bytes -> rows (with row numbers), whatever Danish users produce;
- `cells`: month and value cells;
- `preview`: rows -> new / corrected / unchanged figures and row errors;
- `template`: a per-plan file to fill in.
"""
