"""Send reads to a read replica when one is configured (REPLICA_DATABASE_URL)."""


class ReplicaRouter:
    """Reads from ``replica``, writes and migrations to ``default``.

    Replication lag means a reader may see a change a moment late; editors work in the
    admin, whose reads inside a write transaction go to ``default`` anyway.
    """

    def db_for_read(self, model, **hints):
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
