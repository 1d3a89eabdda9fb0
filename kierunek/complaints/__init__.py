"""Complaints about a service or its provider: filed by a participant (about a booking) or by anyone
(about a public service card), answered by the provider, decided by an officer, who may freeze the
provider's payouts or claw back a settled booking from an upheld complaint."""
