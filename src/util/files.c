/* files.c - whole-file reads and path helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "jmx2run/util.h"

char *file_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_addn(&sb, buf, n);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        strbuf_free(&sb);
        errno = err;
        return NULL;
    }
    if (len)
        *len = sb.len;
    return strbuf_detach(&sb);
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

const char *path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !dir[0] || str_eq(dir, "."))
        return xstrdup(rel);
    return xasprintf("%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/", rel);
}
