"""Pages of the human-resources offer: the public map and powiat pages (with their CSV) under
/oferta-kadrowa/, the office's imports under /urzad/oferta-kadrowa/."""
