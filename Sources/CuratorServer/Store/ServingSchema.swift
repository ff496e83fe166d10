/// The serving store's tables, as a list of migrations both stores apply in order and record
/// by name (SQLite through GRDB's migrator, PostgreSQL in `schema_migrations`): a change to
/// the schema is one new migration here, written in each dialect, never an edit of an old one.
enum ServingSchema {
    struct Migration: Sendable {
        /// The name each store records once the migration is applied ("v1").
        let name: String
        let sqlite: [String]
        let postgres: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            name: "v1",
            sqlite: [
                """
                CREATE TABLE feedback (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user TEXT NOT NULL,
                    item TEXT NOT NULL,
                    type TEXT NOT NULL,
                    value REAL,
                    timestamp INTEGER NOT NULL,
                    recommendation_id TEXT,
                    received_at REAL NOT NULL
                )
                """,
                "CREATE INDEX feedback_user ON feedback(user, timestamp, id)",
                """
                CREATE TABLE impressions (
                    id TEXT PRIMARY KEY,
                    user TEXT,
                    items TEXT NOT NULL,
                    model TEXT NOT NULL,
                    model_version TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    created_at REAL NOT NULL
                )
                """,
                "CREATE INDEX impressions_user ON impressions(user, created_at)",
            ],
            postgres: [
                // "user" is a reserved word in PostgreSQL: quoted, it is the same column name.
                """
                CREATE TABLE feedback (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    "user" TEXT NOT NULL,
                    item TEXT NOT NULL,
                    type TEXT NOT NULL,
                    value DOUBLE PRECISION,
                    timestamp BIGINT NOT NULL,
                    recommendation_id TEXT,
                    received_at DOUBLE PRECISION NOT NULL
                )
                """,
                #"CREATE INDEX feedback_user ON feedback("user", timestamp, id)"#,
                """
                CREATE TABLE impressions (
                    id TEXT PRIMARY KEY,
                    "user" TEXT,
                    items JSONB NOT NULL,
                    model TEXT NOT NULL,
                    model_version TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL
                )
                """,
                #"CREATE INDEX impressions_user ON impressions("user", created_at)"#,
            ]),
        // The conversations held for clients (`PostgresSessionStore`), shared by replicas: the
        // session as JSON bytes (BYTEA, not JSONB, which refuses the \u0000 a turn's text may
        // hold), a version for compare-and-set, and when it expires unless used. SQLite keeps
        // them in the chat's own file (`SessionStore`, with its own migrations): nothing here.
        Migration(
            name: "v2-sessions",
            sqlite: [],
            postgres: [
                """
                CREATE TABLE sessions (
                    name TEXT PRIMARY KEY,
                    state BYTEA NOT NULL,
                    "user" TEXT,
                    exchanges BIGINT NOT NULL,
                    version BIGINT NOT NULL,
                    saved_at DOUBLE PRECISION NOT NULL,
                    expires_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX sessions_expires_at ON sessions(expires_at)",
            ]),
    ]
}
