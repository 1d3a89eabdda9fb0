"""Pages of the newsletter by audience: public (subscribing, the signed links, the archive),
the account's own subscription, and the office's."""
