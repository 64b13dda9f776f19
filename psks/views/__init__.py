"""Pages of the psks app, in Bahasa Indonesia; each loads records through dinsos.akses."""
