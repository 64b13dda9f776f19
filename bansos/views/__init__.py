"""Pages of the bansos workflow (B4). Views parse input and show results; every state change
goes through bansos.services, every read through the user's wilayah (dinsos.akses)."""
