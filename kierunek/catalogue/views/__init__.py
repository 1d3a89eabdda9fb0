"""The catalogue's pages: ``public`` (the search and a card, for anyone) and ``provider`` (a
provider's own cards: write, publish, cancel, complete, import, export)."""
