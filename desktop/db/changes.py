"""`Changes`: what one operation changed, published to views after each write."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    entities: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    created: tuple[str, ...] = field(default=())

    def touches(self, *entities: str) -> bool:
        return bool(self.entities.intersection(entities))

    @property
    def created_id(self) -> str:
        """The id of the first row the operation created (add_* use cases)."""
        return self.created[0]

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.entities | other.entities, self.ids | other.ids, self.created + other.created
        )

    def __bool__(self) -> bool:
        return bool(self.entities)
