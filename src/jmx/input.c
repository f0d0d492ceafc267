/* input.c - getting the bytes of a plan and refusing what is not text.
 *
 * Reading is bounded (JMX_MAX_FILE_SIZE) and, for included files, limited to
 * regular files, so a plan cannot make us read /dev/zero or wait on a fifo.
 * The text check runs before libxml2 so that a binary or empty file gets a
 * plain message instead of an obscure XML error. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "jmx_internal.h"

char *jmx_read_input(const char *path, bool regular_only, size_t *len, char **why)
{
    *len = 0;
    *why = NULL;
    /* O_NONBLOCK: opening a fifo must not wait for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *why = xstrdup(strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = xstrdup(strerror(errno));
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode) || (regular_only && !S_ISREG(st.st_mode))) {
        *why = xstrdup(S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
        close(fd);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > JMX_MAX_FILE_SIZE) {
        *why = xasprintf("file too large (%lld bytes, the limit is %u MiB)",
                         (long long)st.st_size, JMX_MAX_FILE_SIZE / (1024u * 1024u));
        close(fd);
        return NULL;
    }
    /* reads from a pipe should block normally once it is open */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);

    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    char *buf = xmalloc(cap);
    size_t used = 0;
    for (;;) {
        if (used == cap) {
            if (cap > JMX_MAX_FILE_SIZE) {
                *why = xasprintf("file too large (more than %u MiB)",
                                 JMX_MAX_FILE_SIZE / (1024u * 1024u));
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = xstrdup(strerror(errno));
            break;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    close(fd);
    if (!*why && used > JMX_MAX_FILE_SIZE)
        *why = xasprintf("file too large (more than %u MiB)", JMX_MAX_FILE_SIZE / (1024u * 1024u));
    if (*why) {
        free(buf);
        return NULL;
    }
    *len = used;
    return buf;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when invalid. */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len;
    unsigned int min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    unsigned int cp = c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Whether the XML declaration names an encoding other than UTF-8 / ASCII,
 * in which case bytes that are not UTF-8 are expected. */
static bool declares_other_encoding(const char *data, size_t len)
{
    if (len < 6 || memcmp(data, "<?xml", 5) != 0)
        return false;
    size_t end = len < 200 ? len : 200;
    const char *close = memmem(data, end, "?>", 2);
    if (close)
        end = (size_t)(close - data);
    const char *enc = memmem(data, end, "encoding", 8);
    if (!enc)
        return false;
    const char *p = enc + 8, *stop = data + end;
    while (p < stop && (*p == ' ' || *p == '=' || *p == '\t'))
        p++;
    if (p >= stop || (*p != '"' && *p != '\''))
        return false;
    char quote = *p++;
    const char *q = memchr(p, quote, (size_t)(stop - p));
    if (!q)
        return false;
    size_t n = (size_t)(q - p);
    static const char *const plain[] = {"UTF-8", "UTF8", "US-ASCII", "ASCII"};
    for (size_t i = 0; i < ARRAY_LEN(plain); i++)
        if (n == strlen(plain[i]) && strncasecmp(p, plain[i], n) == 0)
            return false;
    return true;
}

static int line_at(const char *data, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n' && line < 0x7fffffff)
            line++;
    return line;
}

/* How much of the file the text check looks at. */
#define SNIFF_NUL_BYTES  8192u
#define SNIFF_BYTES      65536u

bool jmx_check_text(const char *data, size_t len, const char *file, struct diag_list *diags)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i == len) {
        diag_add(diags, DIAG_ERROR, file, 1, "empty file");
        return false;
    }
    const unsigned char *u = (const unsigned char *)data;
    /* UTF-16 and UTF-32 files are full of NUL bytes; libxml2 reads them */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return true;
    size_t nul_end = len < SNIFF_NUL_BYTES ? len : SNIFF_NUL_BYTES;
    const char *nul = memchr(data, '\0', nul_end);
    if (nul) {
        diag_add(diags, DIAG_ERROR, file, line_at(data, (size_t)(nul - data)),
                 "not a text file (it contains NUL bytes)");
        return false;
    }
    bool utf8 = !declares_other_encoding(data, len);
    size_t end = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    size_t bad = 0, first_bad = end;
    for (i = 0; i < end;) {
        unsigned char c = u[i];
        size_t n = 1;
        bool ok;
        if (c < 0x20)
            ok = c == '\t' || c == '\n' || c == '\r';
        else if (c < 0x80 || !utf8)
            ok = true;
        else
            ok = (n = utf8_seq_len(u + i, len - i)) != 0;
        if (!ok) {
            n = 1;
            if (first_bad == end)
                first_bad = i;
            bad++;
        }
        i += n;
    }
    /* a few stray bytes are left to libxml2, which names them precisely */
    if (bad > 0 && bad * 10 >= end) {
        diag_add(diags, DIAG_ERROR, file, line_at(data, first_bad), "not a text file");
        return false;
    }
    return true;
}
