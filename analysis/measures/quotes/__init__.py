"""Quoted terms: every span in quotation marks (:mod:`.spans`), its kind and family (:mod:`.kinds`)."""
