/* Swift cannot see ncurses' macros and mutable globals; these wrappers expose them. */
#ifndef AVITUI_CNCURSES_SHIM_H
#define AVITUI_CNCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which leaves the wide-character API hidden. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Swift 6 rejects mutable C globals ("not concurrency-safe"): read them through functions. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

/* Attribute macros expand through NCURSES_BITS(), which Swift cannot import. */
static const attr_t CN_A_NORMAL = A_NORMAL;
static const attr_t CN_A_BOLD = A_BOLD;
static const attr_t CN_A_DIM = A_DIM;
static const attr_t CN_A_REVERSE = A_REVERSE;
static const attr_t CN_A_UNDERLINE = A_UNDERLINE;
static const attr_t CN_A_STANDOUT = A_STANDOUT;
static const attr_t CN_A_ITALIC = A_ITALIC;

/* glibc hides wcwidth unless _XOPEN_SOURCE is set, which Swift's Glibc module does not do. */
extern int wcwidth(wchar_t c);

/* The locale's codeset, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

/* ACS_* index acs_map[], which only initscr/newterm fill. */
static inline chtype cn_acs(char c) { return NCURSES_ACS(c); }

/* One styled wide cell: setcchar + mvwadd_wch in one call. */
static inline int cn_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    setcchar(&cc, wch, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cc);
}
#endif
