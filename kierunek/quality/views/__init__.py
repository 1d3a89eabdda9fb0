"""Pages of the MSUES quality-mark workflow: the provider's application and self-assessment, the
officer's cases and decisions, the auditor's assignments and reports, and evidence downloads.
Thin: each view checks the role (``role_required``) and the object (404 for other people's), calls
one service and shows its refusal to the person. One module per audience (provider, officer,
auditor), the evidence files and the public register."""
