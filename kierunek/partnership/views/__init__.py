"""Pages of the partnership, by audience: anyone (find an institution, institutions, the library
of good practices), partner staff (their institution, its offer and practices) and the office
(institutions and memberships, the review of good practices)."""
