// SQLite store: issue 6
