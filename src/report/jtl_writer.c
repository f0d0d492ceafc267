/* jtl_writer.c - a JTL results file: opening as JMeter does (append, or
 * reopen an XML file before its closing tag), buffered writing from any
 * thread, and closing.
 *
 * Samples are formatted straight into one large buffer under a lock and the
 * buffer goes to the file in big writes, so a busy run costs one write(2)
 * per few thousand samples. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "jmx2run/report.h"

#define FLUSH_AT (256 * 1024)
#define TESTRESULTS_END "</testResults>"
/* JMeter does not look for the end tag in files shorter than this. */
#define MIN_XML_FILE_LEN (38 + 13 + 14)

struct jtl_writer {
    pthread_mutex_t lock;
    int fd;
    char *path;
    const struct jtl_config *cfg;
    struct jtl_writer_options opts;
    struct strbuf buf;
    int write_errno;            /* first write error, 0 if none */
};

/* mkdir -p of the directory part of path. */
static bool make_parents(const char *path, struct strbuf *err)
{
    char *dir = path_dirname(path);
    bool ok = true;
    for (char *p = dir + 1; ok; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            strbuf_addf(err, "Error creating directories for %s: %s", dir, strerror(errno));
            ok = false;
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(dir);
    return ok;
}

/* Cuts an XML results file just before its closing tag so that new samples
 * go in front of it. False when the file is missing, too short or has no
 * closing tag in its last lines (it is then rewritten from the start). */
static bool trim_xml_end(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    struct stat st;
    bool trimmed = false;
    if (fstat(fd, &st) == 0 && st.st_size >= MIN_XML_FILE_LEN) {
        off_t from = st.st_size - (off_t)strlen(TESTRESULTS_END) - 10;
        char tail[64];
        ssize_t n = pread(fd, tail, sizeof tail - 1, from);
        if (n > 0) {
            tail[n] = '\0';
            /* Line by line, as RandomAccessFile.readLine splits them. */
            char *line = tail;
            while (line < tail + n) {
                size_t len = strcspn(line, "\r\n");
                char saved = line[len];
                line[len] = '\0';
                char *hit = strstr(line, TESTRESULTS_END);
                line[len] = saved;
                if (hit) {
                    trimmed = truncate(path, from + (hit - tail)) == 0;
                    break;
                }
                line += len;
                if (*line == '\r' && line[1] == '\n')
                    line++;
                if (*line)
                    line++;
            }
        }
    }
    close(fd);
    return trimmed;
}

struct jtl_writer *jtl_writer_open(const char *path, const struct jtl_config *c,
                                   const struct jtl_writer_options *opts, struct strbuf *err)
{
    struct jtl_writer_options none = { 0 };
    if (!opts)
        opts = &none;
    if (opts->delete_first && unlink(path) != 0 && errno != ENOENT) {
        strbuf_addf(err, "Could not delete results file %s: %s", path, strerror(errno));
        return NULL;
    }
    if (!make_parents(path, err))
        return NULL;

    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
    bool header;
    if (c->xml) {
        bool trimmed = trim_xml_end(path);
        flags |= trimmed ? O_APPEND : O_TRUNC;
        header = !trimmed;
    } else {
        flags |= O_APPEND;
        header = access(path, F_OK) != 0 && c->print_field_names;
    }
    int fd = open(path, flags, 0666);
    if (fd < 0) {
        strbuf_addf(err, "Cannot open results file %s: %s", path, strerror(errno));
        return NULL;
    }

    struct jtl_writer *w = xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    w->fd = fd;
    w->path = xstrdup(path);
    w->cfg = c;
    w->opts = *opts;
    strbuf_init(&w->buf);
    strbuf_grow(&w->buf, FLUSH_AT + 64 * 1024);
    if (header) {
        if (c->xml)
            jtl_xml_header(c, &w->buf);
        else
            jtl_csv_header(c, &w->buf);
    }
    return w;
}

/* Writes the buffer out; the caller holds the lock. */
static void write_buffer(struct jtl_writer *w)
{
    const char *p = w->buf.s;
    size_t left = w->buf.len;
    while (left > 0 && w->write_errno == 0) {
        ssize_t n = write(w->fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            w->write_errno = errno;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    strbuf_reset(&w->buf);
}

void jtl_writer_add(struct jtl_writer *w, const struct sample *s, const char *const *vars)
{
    bool wanted = (!w->opts.errors_only && !w->opts.success_only) ||
                  (s->success && w->opts.success_only) || (!s->success && w->opts.errors_only);
    if (!wanted)
        return;
    pthread_mutex_lock(&w->lock);
    jtl_format_sample(w->cfg, s, vars, &w->buf);
    if (w->buf.len >= FLUSH_AT || w->cfg->autoflush)
        write_buffer(w);
    pthread_mutex_unlock(&w->lock);
}

bool jtl_writer_flush(struct jtl_writer *w)
{
    pthread_mutex_lock(&w->lock);
    write_buffer(w);
    bool ok = w->write_errno == 0;
    pthread_mutex_unlock(&w->lock);
    return ok;
}

bool jtl_writer_close(struct jtl_writer *w, struct strbuf *err)
{
    if (!w)
        return true;
    pthread_mutex_lock(&w->lock);
    if (w->cfg->xml)
        jtl_xml_footer(&w->buf);
    write_buffer(w);
    pthread_mutex_unlock(&w->lock);
    if (close(w->fd) != 0 && w->write_errno == 0)
        w->write_errno = errno;
    bool ok = w->write_errno == 0;
    if (!ok && err)
        strbuf_addf(err, "Problem writing results file %s: %s", w->path, strerror(w->write_errno));
    pthread_mutex_destroy(&w->lock);
    strbuf_free(&w->buf);
    free(w->path);
    free(w);
    return ok;
}
