"""SQL functions that PostgreSQL has and the embedded SQLite default lacks."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .text import similarity, word_similarity


@receiver(connection_created)
def register_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("word_similarity", 2, word_similarity, deterministic=True)
        connection.connection.create_function("similarity", 2, similarity, deterministic=True)
