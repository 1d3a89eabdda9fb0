"""The register's pages: public (search, a qualification) and the office's (list, enter, edit,
history, import, export)."""
