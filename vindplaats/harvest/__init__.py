"""The stages of one harvest run: run (the order of the stages), backfill, withdraw,
extract, index, rebuild."""
