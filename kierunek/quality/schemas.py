from datetime import date

from ninja import Schema


class RegisterGminaOut(Schema):
    teryt: str
    name: str


class RegisterProviderOut(Schema):
    id: int
    name: str
    nip: str
    gmina: RegisterGminaOut | None
    city: str


class RegisterEventOut(Schema):
    date: date
    state: str
    state_label: str


class RegisterEntryOut(Schema):
    provider: RegisterProviderOut
    state: str
    state_label: str
    mark_number: str
    valid_from: date
    valid_until: date
    history: list[RegisterEventOut]
