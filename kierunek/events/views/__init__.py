"""Pages of events, by audience: anyone (the list, the event, a certificate's verification), the
person registered (register, their registrations, ticket, calendar file, certificate, survey) and
the organiser (events, sessions, registrations, waiting list, the door, materials, certificates)."""
