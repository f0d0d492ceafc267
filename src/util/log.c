/* log.c - the run log (-j FILE): one line per event, JMeter's timestamp
 * format ("yyyy-MM-dd HH:mm:ss,SSS"), written under a lock so worker threads
 * can log too. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "jmx2run/log.h"

static FILE *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

bool log_open(const char *path)
{
    FILE *f = fopen(path, "a");
    if (!f)
        return false;
    pthread_mutex_lock(&log_lock);
    if (log_file)
        fclose(log_file);
    log_file = f;
    pthread_mutex_unlock(&log_lock);
    return true;
}

void log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_file)
        fclose(log_file);
    log_file = NULL;
    pthread_mutex_unlock(&log_lock);
}

static const char *level_name(enum log_level level)
{
    return level == LOG_ERROR ? "ERROR" : level == LOG_WARN ? "WARN" : "INFO";
}

static void write_line(enum log_level level, const char *text)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    fprintf(log_file, "%s,%03ld %s jmx2run: %s\n", when, ts.tv_nsec / 1000000, level_name(level), text);
    fflush(log_file);
}

static void vlog(enum log_level level, const char *fmt, va_list ap)
{
    pthread_mutex_lock(&log_lock);
    if (log_file) {
        struct strbuf sb;
        strbuf_init(&sb);
        strbuf_vaddf(&sb, fmt, ap);
        write_line(level, sb.s);
        strbuf_free(&sb);
    }
    pthread_mutex_unlock(&log_lock);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(level, fmt, ap);
    va_end(ap);
}

void log_and_stderr(enum log_level level, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_vaddf(&sb, fmt, ap);
    fprintf(stderr, "jmx2run: %s: %s\n", level == LOG_ERROR ? "error" : level == LOG_WARN ? "warning" : "info", sb.s);
    strbuf_free(&sb);
    vlog(level, fmt, ap2);
    va_end(ap2);
    va_end(ap);
}

void log_diagnostics(const struct diag_list *dl)
{
    pthread_mutex_lock(&log_lock);
    if (log_file) {
        for (size_t i = 0; i < dl->len; i++) {
            const struct diag *d = &dl->items[i];
            struct strbuf sb;
            strbuf_init(&sb);
            if (d->file && d->line > 0)
                strbuf_addf(&sb, "%s:%d: ", d->file, d->line);
            else if (d->file)
                strbuf_addf(&sb, "%s: ", d->file);
            strbuf_adds(&sb, d->message);
            write_line(d->severity == DIAG_ERROR ? LOG_ERROR : d->severity == DIAG_WARNING ? LOG_WARN : LOG_INFO, sb.s);
            strbuf_free(&sb);
        }
    }
    pthread_mutex_unlock(&log_lock);
}
