"""Previews: the learner player and the PDF, exactly as exported."""
