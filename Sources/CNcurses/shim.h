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

/* curscr is a mutable global too; clearok(curscr) forces a full repaint after Ctrl-Z. */
static inline WINDOW *cn_curscr(void) { return curscr; }

/* A terminfo string capability, or NULL when the terminal has none
   (tigetstr returns (char *)-1 for "not a string capability"). */
static inline const char *cn_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}

/* ---------------------------------------------------------------------------
 * Signals and crash restore.
 *
 * These live in C because a signal handler may only do async-signal-safe
 * work (write, tcsetattr, _exit...), which Swift cannot promise. The handler
 * writes the signal number to a self-pipe that the UI loop polls next to the
 * keyboard; the UI thread then restores the terminal with ncurses and exits
 * or stops. If the UI thread does not react within 2 s, SIGALRM restores
 * the terminal with raw writes and _exits. Fatal signals (SEGV, ILL, ...)
 * restore the same way, then re-raise to the previous handler (Swift's
 * backtracer), so the report prints on a sane terminal.
 *
 * Every static below has an explicit initializer: Swift's importer does not
 * emit C tentative definitions, which then fail to link.
 * The state is static in this header, so every cn_sig_* / cn_crash_* call
 * must come from ONE Swift file (NcursesSignals.swift); another file would
 * get its own copy of the statics.
 * ------------------------------------------------------------------------- */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int cn_sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t cn_sig_terminating = 0;
static int cn_crash_fd = -1;
static int cn_crash_have_termios = 0;
static struct termios cn_crash_termios = {0};
static char cn_crash_seq[512] = {0};
static size_t cn_crash_len = 0;
static struct sigaction cn_crash_previous[NSIG] = {{{0}}};

/* Raw restore: reset sequence + the terminal modes saved before ncurses started. */
static void cn_crash_restore(void) {
    if (cn_crash_fd < 0) return;
    if (cn_crash_len > 0) { ssize_t r = write(cn_crash_fd, cn_crash_seq, cn_crash_len); (void)r; }
    if (cn_crash_have_termios) tcsetattr(cn_crash_fd, TCSANOW, &cn_crash_termios);
}

/* Every signal whose default action ends the process, except the synchronous crashes (the
   crash guard's) and SIGALRM (the watchdog's): the UI loop restores the terminal and
   re-raises it. SIGPIPE is not here: the executable ignores it from its start, so a closed
   pipe is an EPIPE on that write, never a death with the terminal left raw. */
static const int cn_sig_fixed[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGIO, SIGXCPU, SIGXFSZ,
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
static inline int cn_sig_fixed_count(void) { return (int)(sizeof cn_sig_fixed / sizeof cn_sig_fixed[0]); }
static inline int cn_sig_terminating_count(void) {
#ifdef SIGRTMIN
    return cn_sig_fixed_count() + (SIGRTMAX - SIGRTMIN + 1);
#else
    return cn_sig_fixed_count();
#endif
}
static inline int cn_sig_terminating_at(int i) {
#ifdef SIGRTMIN
    if (i >= cn_sig_fixed_count()) return SIGRTMIN + (i - cn_sig_fixed_count());
#endif
    return cn_sig_fixed[i];
}

static void cn_sig_handler(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (cn_sig_pipe[1] >= 0) { ssize_t r = write(cn_sig_pipe[1], &b, 1); (void)r; }
    if (sig != SIGTSTP && sig != SIGCONT && !cn_sig_terminating) {
        cn_sig_terminating = sig;
        alarm(2);
    }
    errno = saved;
}

static void cn_sig_alarm(int sig) {
    (void)sig;
    cn_crash_restore();
    _exit(128 + (cn_sig_terminating ? cn_sig_terminating : SIGALRM));
}

static void cn_crash_handler(int sig) {
    cn_crash_restore();
    cn_crash_fd = -1;
    sigaction(sig, &cn_crash_previous[sig], NULL);
    raise(sig);
}

/* Installs handlers for TSTP, CONT, every terminating signal (above) and ALRM; returns the
   pipe's read end, or -1. Call before newterm so ncurses keeps its hands off. */
static inline int cn_sig_install(void) {
    if (cn_sig_pipe[0] < 0) {
        if (pipe(cn_sig_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(cn_sig_pipe[i], F_SETFL, fcntl(cn_sig_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(cn_sig_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = cn_sig_handler;
    sigaction(SIGTSTP, &sa, NULL);
    sigaction(SIGCONT, &sa, NULL);
    for (int i = 0; i < cn_sig_terminating_count(); i++) sigaction(cn_sig_terminating_at(i), &sa, NULL);
    sa.sa_handler = cn_sig_alarm;
    sigaction(SIGALRM, &sa, NULL);
    return cn_sig_pipe[0];
}

/* Back to the default dispositions (the pipe stays for a later install). */
static inline void cn_sig_uninstall(void) {
    signal(SIGTSTP, SIG_DFL);
    signal(SIGCONT, SIG_DFL);
    signal(SIGALRM, SIG_DFL);
    for (int i = 0; i < cn_sig_terminating_count(); i++) signal(cn_sig_terminating_at(i), SIG_DFL);
    alarm(0);
}

/* The next signal number waiting in the pipe, or 0. */
static inline int cn_sig_next(void) {
    unsigned char b;
    if (cn_sig_pipe[0] >= 0 && read(cn_sig_pipe[0], &b, 1) == 1) return b;
    return 0;
}

/* Stops the process as the default SIGTSTP would, and returns once continued. */
static inline void cn_sig_stop_self(void) {
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &dfl, &old);
    sigset_t set, oldset;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, &oldset);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &oldset, NULL);
    sigaction(SIGTSTP, &old, NULL);
}

/* Remembers the terminal's modes; call before newterm changes them. */
static inline void cn_crash_save_modes(int fd) {
    cn_crash_fd = fd;
    cn_crash_have_termios = tcgetattr(fd, &cn_crash_termios) == 0;
}

/* Arms the fatal-signal handlers with the bytes that undo ncurses' screen
   setup (sgr0, cnorm, rmkx, rmcup), built by the caller from terminfo. */
static inline void cn_crash_arm(const char *seq) {
    size_t n = strlen(seq);
    if (n >= sizeof cn_crash_seq) n = sizeof cn_crash_seq - 1;
    memcpy(cn_crash_seq, seq, n);
    cn_crash_len = n;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = cn_crash_handler;
    int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, &cn_crash_previous[sigs[i]]);
}

/* The terminal is restored normally: fatal signals no longer need to. */
static inline void cn_crash_disarm(void) { cn_crash_fd = -1; }
#endif
