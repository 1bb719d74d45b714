"""Personal data found in documents (citizen service numbers, BSN) and the rules of taking a
record down (`docs/municipalities.md`, "Privacy and takedown")."""
