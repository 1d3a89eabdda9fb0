"""Pages of career guidance, one module per subject: ``participant`` (meetings, the signed plan,
recommendations), ``advisor`` (calendar, participants, starting a balance), ``balance`` (the
balance stage by stage) and ``vocabulary`` (the competence search partial)."""
