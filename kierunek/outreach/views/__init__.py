"""Pages of outreach: the poster's address (public), a gmina's page for its staff and the office,
the campaigns, and the office's agreements, population imports and reach."""
