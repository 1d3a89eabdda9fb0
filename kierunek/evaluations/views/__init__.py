"""Pages of evaluations by audience: the surveys (:mod:`.survey`, :mod:`.outcome`), the provider's
ratings and replies (:mod:`.survey`), and the officers' moderation and quality overview
(:mod:`.office`)."""
