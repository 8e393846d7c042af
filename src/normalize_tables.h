/*
 * normalize_tables.h
 *		The lookup tables of the normalize concern.  They are generated at
 *		build time into normalize_tables.c by src/data/normalize_tables.pl
 *		from OpenCC's TSCharacters dictionary, Unihan and UnicodeData
 *		(Debian packages opencc and unicode-data) and from the surname list
 *		src/data/surnames.txt.  Plain C, no PostgreSQL headers.
 */
#ifndef NORMALIZE_TABLES_H
#define NORMALIZE_TABLES_H

#include <stdint.h>

/* Code points at or above this have no table entries (planes 0 to 3). */
#define NZ_TABLE_LIMIT	0x40000

/* A surname of one or two characters (second 0 if one) and its readings. */
typedef struct NzSurname
{
	uint32_t	first;
	uint32_t	second;
	uint16_t	reading[2];		/* syllable ids */
} NzSurname;

/* Toneless syllables ("" at 0, then sorted), and each one's fuzzy fold. */
extern const int nz_syllable_count;
extern const char nz_syllable[][8];
extern const uint16_t nz_syllable_fuzzy[];

/* Two-level maps: page = index[cp >> 8], entry = page[page][cp & 255]. */
extern const uint16_t nz_pinyin_index[NZ_TABLE_LIMIT >> 8];
extern const uint16_t nz_pinyin_page[][256];	/* syllable id, 0 if none */
extern const uint16_t nz_fold_index[NZ_TABLE_LIMIT >> 8];
extern const uint16_t nz_fold_page[][256];	/* index into nz_fold_value */
extern const uint32_t nz_fold_value[];

/* Surnames sorted by (first, second). */
extern const int nz_surname_count;
extern const NzSurname nz_surname[];

#endif							/* NORMALIZE_TABLES_H */
