/*
 * migrations.h - the numbered schema migrations compiled into the program
 * (generated from src/db/migrations/NNN_*.sql by tools/embed.c).
 */
#ifndef BP_MIGRATIONS_H
#define BP_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
