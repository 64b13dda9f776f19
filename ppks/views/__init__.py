"""Pages of the registry. Views parse input and show results; rules live in ppks.services."""
