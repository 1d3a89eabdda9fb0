"""Pages of agreements by audience: the participant (``participant``), the provider's staff
(``provider``) and officers (``office``); what the party's pages share is in ``common``."""
